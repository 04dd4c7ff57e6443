//! GCJ-02, the shifted datum Chinese web maps give coordinates in, and WGS-84, the datum
//! the ledger stores: about 500 m apart in this district.
//!
//! The shift is the published "eviltransform" polynomial (the one every open converter
//! uses); going back is done by iterating the forward shift, which converges to well under
//! a millimetre. Outside China the shift is not applied, as the maps do not apply it there.

/// The ellipsoid GCJ-02's shift is computed on (Krasovsky 1940).
const A: f64 = 6_378_245.0;
const EE: f64 = 0.006_693_421_622_965_943;

/// A datum a coordinate may come in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Datum {
    /// GPS, surveys, the national map service (天地图, CGCS2000 is within a metre of it).
    #[default]
    Wgs84,
    /// Amap (高德), Tencent and the Chinese Google Maps.
    Gcj02,
}

impl Datum {
    /// Every datum, in the order the forms offer them.
    pub const ALL: [Datum; 2] = [Datum::Wgs84, Datum::Gcj02];

    /// The name stored in the file and taken on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Datum::Wgs84 => "wgs84",
            Datum::Gcj02 => "gcj02",
        }
    }

    /// The datum named `s` (`wgs84` or `gcj02`, any case).
    pub fn parse(s: &str) -> Option<Datum> {
        Datum::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// A coordinate given in this datum, as WGS-84 `(lon, lat)`.
    pub fn to_wgs84(self, lon: f64, lat: f64) -> (f64, f64) {
        match self {
            Datum::Wgs84 => (lon, lat),
            Datum::Gcj02 => gcj02_to_wgs84(lon, lat),
        }
    }
}

/// Whether the shift applies: mainland China's bounding box, as the converters have it.
fn in_china(lon: f64, lat: f64) -> bool {
    (72.004..=137.8347).contains(&lon) && (0.8293..=55.8271).contains(&lat)
}

fn shift_lat(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn shift_lon(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// A WGS-84 `(lon, lat)` as GCJ-02.
pub fn wgs84_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    use std::f64::consts::PI;
    if !in_china(lon, lat) {
        return (lon, lat);
    }
    let d_lat = shift_lat(lon - 105.0, lat - 35.0);
    let d_lon = shift_lon(lon - 105.0, lat - 35.0);
    let rad = lat / 180.0 * PI;
    let magic = 1.0 - EE * rad.sin() * rad.sin();
    let sqrt_magic = magic.sqrt();
    let d_lat = d_lat * 180.0 / ((A * (1.0 - EE)) / (magic * sqrt_magic) * PI);
    let d_lon = d_lon * 180.0 / (A / sqrt_magic * rad.cos() * PI);
    (lon + d_lon, lat + d_lat)
}

/// A GCJ-02 `(lon, lat)` as WGS-84: the point whose forward shift lands on it.
pub fn gcj02_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    if !in_china(lon, lat) {
        return (lon, lat);
    }
    let (mut w_lon, mut w_lat) = (lon, lat);
    for _ in 0..30 {
        let (g_lon, g_lat) = wgs84_to_gcj02(w_lon, w_lat);
        let (e_lon, e_lat) = (lon - g_lon, lat - g_lat);
        w_lon += e_lon;
        w_lat += e_lat;
        if e_lon.abs() < 1e-10 && e_lat.abs() < 1e-10 {
            break;
        }
    }
    (w_lon, w_lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (WGS-84 lat, lon, GCJ-02 lat, lon): the pairs the open converters test against
    /// (Shanghai, Shenzhen, Beijing, and a round point north-west of Beijing).
    const PAIRS: [(f64, f64, f64, f64); 4] = [
        (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
        (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
        (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
        (40.0, 116.0, 40.001213650174, 116.006141221789),
    ];

    #[test]
    fn wgs84_to_gcj02_matches_the_known_pairs() {
        for (w_lat, w_lon, g_lat, g_lon) in PAIRS {
            let (lon, lat) = wgs84_to_gcj02(w_lon, w_lat);
            assert!(
                (lon - g_lon).abs() < 1e-7,
                "{w_lat},{w_lon}: lon {lon} not {g_lon}"
            );
            assert!(
                (lat - g_lat).abs() < 1e-7,
                "{w_lat},{w_lon}: lat {lat} not {g_lat}"
            );
        }
    }

    #[test]
    fn gcj02_to_wgs84_finds_the_original_within_a_centimetre() {
        for (w_lat, w_lon, g_lat, g_lon) in PAIRS {
            let (lon, lat) = Datum::Gcj02.to_wgs84(g_lon, g_lat);
            // 1e-7 degrees is about a centimetre.
            assert!((lon - w_lon).abs() < 1e-7 && (lat - w_lat).abs() < 1e-7);
        }
    }

    #[test]
    fn the_shift_in_this_district_is_about_five_hundred_metres() {
        let (lon, lat) = (117.81449, 36.05806);
        let (g_lon, g_lat) = wgs84_to_gcj02(lon, lat);
        let metres = super::super::distance_m((lon, lat), (g_lon, g_lat));
        assert!((300.0..700.0).contains(&metres), "{metres} m");
    }

    #[test]
    fn outside_china_nothing_moves() {
        assert_eq!(wgs84_to_gcj02(2.35, 48.85), (2.35, 48.85));
        assert_eq!(gcj02_to_wgs84(2.35, 48.85), (2.35, 48.85));
        assert_eq!(Datum::parse("GCJ02"), Some(Datum::Gcj02));
        assert_eq!(Datum::parse("bd09"), None);
    }
}
