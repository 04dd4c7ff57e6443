//! Geometry of the service-point map: datums, the Web-Mercator projection and the view,
//! distances, the 10-minute coverage and the office's outline files. No window, no
//! database: the map tab and the coverage export both stand on this.

pub mod coverage;
pub mod datum;
pub mod mercator;
pub mod outline;

pub use datum::Datum;

use geo::{Distance, Haversine, Point};

/// Ground distance in metres between two WGS-84 `(lon, lat)` points (haversine on the
/// mean earth radius: within 0.5 % of the ellipsoid at this scale).
pub fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    Haversine.distance(Point::new(a.0, a.1), Point::new(b.0, b.1))
}

/// A flat, metric approximation of the ground around latitude `lat0`, for the nearest-point
/// index: east and north metres. Within a district (tens of km) it differs from the
/// haversine distance by far less than the circle's rounding.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LocalPlane {
    m_per_deg_lon: f64,
    m_per_deg_lat: f64,
}

impl LocalPlane {
    /// The plane around latitude `lat0`.
    pub fn around(lat0: f64) -> LocalPlane {
        let m_per_deg_lat = mercator::EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        LocalPlane {
            m_per_deg_lon: m_per_deg_lat * lat0.to_radians().cos(),
            m_per_deg_lat,
        }
    }

    /// `(lon, lat)` as metres on the plane.
    pub fn xy(&self, at: (f64, f64)) -> [f64; 2] {
        [at.0 * self.m_per_deg_lon, at.1 * self.m_per_deg_lat]
    }

    /// Metres on the plane back to `(lon, lat)`.
    pub fn lon_lat(&self, xy: [f64; 2]) -> (f64, f64) {
        (xy[0] / self.m_per_deg_lon, xy[1] / self.m_per_deg_lat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_plane_agrees_with_the_haversine_within_the_district() {
        let a = (117.81449, 36.05806);
        let b = (117.88918, 36.06207);
        let plane = LocalPlane::around(36.06);
        let (pa, pb) = (plane.xy(a), plane.xy(b));
        let flat = ((pa[0] - pb[0]).powi(2) + (pa[1] - pb[1]).powi(2)).sqrt();
        let round = distance_m(a, b);
        assert!((flat - round).abs() / round < 0.005, "{flat} vs {round}");
        // 0.1° of latitude is 11.1 km.
        assert!((distance_m((117.8, 36.0), (117.8, 36.1)) - 11_119.5).abs() < 10.0);
        let back = plane.lon_lat(pa);
        assert!((back.0 - a.0).abs() < 1e-9 && (back.1 - a.1).abs() < 1e-9);
    }
}
