//! Web-Mercator (EPSG:3857), the projection of every web map and MBTiles file, and the
//! view of the map: what part of the plane a screen rectangle shows.

use std::f64::consts::PI;

/// The sphere Web-Mercator projects.
pub const EARTH_RADIUS_M: f64 = 6_378_137.0;

/// Web-Mercator's latitude limit, where the square world ends.
pub const MAX_LAT: f64 = 85.051_128_78;

/// A point of the projected plane, in metres east and north of (0°, 0°).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Merc {
    /// Metres east.
    pub x: f64,
    /// Metres north.
    pub y: f64,
}

/// WGS-84 `(lon, lat)` onto the plane.
pub fn project(lon: f64, lat: f64) -> Merc {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT);
    Merc {
        x: EARTH_RADIUS_M * lon.to_radians(),
        y: EARTH_RADIUS_M * (PI / 4.0 + lat.to_radians() / 2.0).tan().ln(),
    }
}

/// A point of the plane back to WGS-84 `(lon, lat)`.
pub fn unproject(m: Merc) -> (f64, f64) {
    let lon = (m.x / EARTH_RADIUS_M).to_degrees();
    let lat = (2.0 * (m.y / EARTH_RADIUS_M).exp().atan() - PI / 2.0).to_degrees();
    (lon, lat)
}

/// What the map shows: the plane point at the centre of the screen rectangle and how many
/// plane metres one screen point spans. Screen y grows downwards, plane y upwards.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// The plane point under the screen rectangle's centre.
    pub centre: Merc,
    /// Plane metres per screen point.
    pub m_per_px: f64,
}

/// The closest and furthest the map zooms: a street corner, and all of China.
pub const M_PER_PX_RANGE: (f64, f64) = (0.25, 20_000.0);

impl View {
    /// A view showing `(min, max)` (plane corners) inside a screen of `size` points, with
    /// a margin.
    pub fn fit(min: Merc, max: Merc, size: (f64, f64)) -> View {
        let w = (max.x - min.x).max(100.0);
        let h = (max.y - min.y).max(100.0);
        let m_per_px = (w / (size.0 * 0.9).max(1.0)).max(h / (size.1 * 0.9).max(1.0));
        View {
            centre: Merc {
                x: (min.x + max.x) / 2.0,
                y: (min.y + max.y) / 2.0,
            },
            m_per_px: m_per_px.clamp(M_PER_PX_RANGE.0, M_PER_PX_RANGE.1),
        }
    }

    /// Where plane point `m` lands, relative to the screen rectangle's centre.
    pub fn to_screen(&self, m: Merc) -> (f64, f64) {
        (
            (m.x - self.centre.x) / self.m_per_px,
            -(m.y - self.centre.y) / self.m_per_px,
        )
    }

    /// The plane point under screen offset `(dx, dy)` from the centre.
    pub fn to_plane(&self, dx: f64, dy: f64) -> Merc {
        Merc {
            x: self.centre.x + dx * self.m_per_px,
            y: self.centre.y - dy * self.m_per_px,
        }
    }

    /// Moves the map with a drag of `(dx, dy)` screen points.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.centre.x -= dx * self.m_per_px;
        self.centre.y += dy * self.m_per_px;
    }

    /// Zooms by `factor` (above 1: closer) keeping the plane point under screen offset
    /// `(dx, dy)` where it is, as a wheel turned over it does.
    pub fn zoom_about(&mut self, factor: f64, dx: f64, dy: f64) {
        let under = self.to_plane(dx, dy);
        self.m_per_px = (self.m_per_px / factor).clamp(M_PER_PX_RANGE.0, M_PER_PX_RANGE.1);
        self.centre = Merc {
            x: under.x - dx * self.m_per_px,
            y: under.y + dy * self.m_per_px,
        };
    }

    /// Ground metres per screen point at the centre: Mercator stretches by 1/cos(lat).
    pub fn ground_m_per_px(&self) -> f64 {
        let (_, lat) = unproject(self.centre);
        self.m_per_px * lat.to_radians().cos()
    }

    /// How many screen points a ground distance of `metres` spans at the centre (a
    /// point's reach drawn as a circle).
    pub fn px_for_ground_m(&self, metres: f64) -> f64 {
        metres / self.ground_m_per_px()
    }

    /// The web-map zoom level whose tiles match this view best (for a raster background).
    pub fn tile_zoom(&self) -> u8 {
        // Level z has 256 · 2^z pixels around the equator.
        let world = 2.0 * PI * EARTH_RADIUS_M;
        let z = (world / (256.0 * self.m_per_px)).log2().round();
        z.clamp(0.0, 22.0) as u8
    }
}

/// A scale bar: the longest round ground distance (1, 2 or 5 × a power of ten metres)
/// that fits in `max_px` screen points, and its length in points.
pub fn scale_bar(view: &View, max_px: f64) -> (f64, f64) {
    let ground = view.ground_m_per_px() * max_px;
    let power = 10f64.powf(ground.log10().floor());
    let metres = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|k| k * power)
        .find(|m| *m <= ground)
        .unwrap_or(power);
    (metres, metres / view.ground_m_per_px())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projecting_and_back_gives_the_point_again() {
        for (lon, lat) in [
            (117.81449, 36.05806),
            (0.0, 0.0),
            (-70.5, -33.4),
            (179.9, 80.0),
        ] {
            let (lon2, lat2) = unproject(project(lon, lat));
            assert!((lon - lon2).abs() < 1e-9 && (lat - lat2).abs() < 1e-9);
        }
        // Known value: 1° east on the equator is 111,319.49 m of plane.
        assert!((project(1.0, 0.0).x - 111_319.490_793).abs() < 1e-3);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_cursor() {
        let mut view = View {
            centre: project(117.8, 36.1),
            m_per_px: 50.0,
        };
        let before = view.to_plane(120.0, -80.0);
        view.zoom_about(2.0, 120.0, -80.0);
        let after = view.to_plane(120.0, -80.0);
        assert!((before.x - after.x).abs() < 1e-6 && (before.y - after.y).abs() < 1e-6);
        assert_eq!(view.m_per_px, 25.0);
        let (sx, sy) = view.to_screen(before);
        assert!((sx - 120.0).abs() < 1e-9 && (sy + 80.0).abs() < 1e-9);
    }

    #[test]
    fn dragging_moves_the_map_with_the_hand() {
        let mut view = View {
            centre: project(117.8, 36.1),
            m_per_px: 10.0,
        };
        let grabbed = view.to_plane(0.0, 0.0);
        view.pan(30.0, 40.0);
        let (sx, sy) = view.to_screen(grabbed);
        assert!((sx - 30.0).abs() < 1e-9 && (sy - 40.0).abs() < 1e-9);
    }

    #[test]
    fn the_scale_bar_is_a_round_distance_that_fits() {
        let view = View {
            centre: project(117.8, 36.0),
            m_per_px: 10.0,
        };
        let (metres, px) = scale_bar(&view, 150.0);
        // 10 plane metres per point at 36° are 8.09 ground metres: 150 points hold 1213 m.
        assert_eq!(metres, 1000.0);
        assert!((px - 123.6).abs() < 0.5, "{px}");
    }
}
