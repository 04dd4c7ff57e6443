//! District and street outlines from a GeoJSON file the office imports: Polygons and
//! MultiPolygons (holes kept), in WGS-84 or GCJ-02, each feature named by a property.
//! Parsing is the `geojson` crate's and the geometry `geo`'s; this module only decides
//! what a usable file is, and refuses the rest with the reason.

use geo::{BoundingRect, CoordsIter, MapCoords, MultiPolygon};

use super::Datum;

/// One outline: a district, a street, or any named area of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    /// The feature's name (`name`, `NAME`, `名称` … property), or its number in the file.
    pub name: String,
    /// The area, in WGS-84.
    pub shape: MultiPolygon<f64>,
}

impl Outline {
    /// How many vertices it has.
    pub fn vertices(&self) -> usize {
        self.shape.coords_count()
    }

    /// Its WGS-84 bounding box as `((min lon, min lat), (max lon, max lat))`.
    pub fn bounds(&self) -> Option<((f64, f64), (f64, f64))> {
        self.shape
            .bounding_rect()
            .map(|r| ((r.min().x, r.min().y), (r.max().x, r.max().y)))
    }

    /// The shape as a GeoJSON geometry, for the file.
    pub fn to_geojson(&self) -> String {
        geojson::Geometry::new(geojson::GeometryValue::from(&self.shape)).to_string()
    }

    /// An outline stored by [`Outline::to_geojson`].
    pub fn from_geojson(name: &str, text: &str) -> Result<Outline, OutlineError> {
        let mut outlines = parse(text, Datum::Wgs84)?;
        let mut outline = outlines.pop().ok_or(OutlineError::NoAreas)?;
        outline.name = name.to_string();
        Ok(outline)
    }
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OutlineError {
    /// Not GeoJSON at all (or broken JSON): the parser's words.
    #[error("not a GeoJSON file: {0}")]
    NotGeoJson(String),
    /// A geometry other than Polygon and MultiPolygon (the feature's number and its type).
    #[error("feature {feature} is a {kind}; only Polygon and MultiPolygon are imported")]
    Unsupported {
        /// Which feature, from 1.
        feature: usize,
        /// Its geometry type.
        kind: String,
    },
    /// A ring with fewer than four positions, or a coordinate that is no longitude or
    /// latitude (a file in a projected system, say).
    #[error("feature {feature} has a ring that is not a closed area in degrees")]
    BadRing {
        /// Which feature, from 1.
        feature: usize,
    },
    /// Nothing to import.
    #[error("the file holds no Polygon or MultiPolygon")]
    NoAreas,
}

/// The outlines of a GeoJSON text given in `datum`, converted to WGS-84. Every feature must
/// be a Polygon or a MultiPolygon (features without geometry are skipped); anything else
/// refuses the whole file, so an import is all or nothing.
pub fn parse(text: &str, datum: Datum) -> Result<Vec<Outline>, OutlineError> {
    let parsed: geojson::GeoJson = text
        .parse()
        .map_err(|e: geojson::Error| OutlineError::NotGeoJson(e.to_string()))?;
    let features: Vec<(Option<geojson::JsonObject>, Option<geojson::Geometry>)> = match parsed {
        geojson::GeoJson::Geometry(g) => vec![(None, Some(g))],
        geojson::GeoJson::Feature(f) => vec![(f.properties, f.geometry)],
        geojson::GeoJson::FeatureCollection(fc) => fc
            .features
            .into_iter()
            .map(|f| (f.properties, f.geometry))
            .collect(),
    };
    let mut out = Vec::new();
    for (index, (properties, geometry)) in features.into_iter().enumerate() {
        let feature = index + 1;
        let Some(geometry) = geometry else { continue };
        let rings_ok = |rings: &[Vec<geojson::Position>]| {
            rings.iter().all(|ring| {
                ring.len() >= 4
                    && ring.first() == ring.last()
                    && ring.iter().all(|p| {
                        p.len() >= 2
                            && p[0].is_finite()
                            && p[1].is_finite()
                            && (-180.0..=180.0).contains(&p[0])
                            && (-90.0..=90.0).contains(&p[1])
                    })
            })
        };
        let shape: MultiPolygon<f64> = match &geometry.value {
            geojson::GeometryValue::Polygon { coordinates } => {
                if !rings_ok(coordinates) || coordinates.is_empty() {
                    return Err(OutlineError::BadRing { feature });
                }
                let polygon: geo::Polygon<f64> = (&geometry.value)
                    .try_into()
                    .map_err(|_| OutlineError::BadRing { feature })?;
                MultiPolygon(vec![polygon])
            }
            geojson::GeometryValue::MultiPolygon { coordinates } => {
                if coordinates.is_empty()
                    || coordinates.iter().any(|p| p.is_empty() || !rings_ok(p))
                {
                    return Err(OutlineError::BadRing { feature });
                }
                (&geometry.value)
                    .try_into()
                    .map_err(|_| OutlineError::BadRing { feature })?
            }
            other => {
                return Err(OutlineError::Unsupported {
                    feature,
                    kind: other.type_name().to_string(),
                });
            }
        };
        let shape = shape.map_coords(|c| {
            let (lon, lat) = datum.to_wgs84(c.x, c.y);
            geo::Coord { x: lon, y: lat }
        });
        out.push(Outline {
            name: feature_name(properties.as_ref()).unwrap_or_else(|| feature.to_string()),
            shape,
        });
    }
    if out.is_empty() {
        return Err(OutlineError::NoAreas);
    }
    Ok(out)
}

/// The name a feature's properties give it, under the keys GIS exports use.
fn feature_name(properties: Option<&geojson::JsonObject>) -> Option<String> {
    let properties = properties?;
    [
        "name", "NAME", "Name", "名称", "name_zh", "NAME_CHN", "XZQMC",
    ]
    .iter()
    .find_map(|key| properties.get(*key)?.as_str())
    .map(|s| s.trim().to_string())
    .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, Contains, Point};

    const SQUARE: &str = r#"{"type":"Feature","properties":{"name":"艾山街道"},
        "geometry":{"type":"Polygon","coordinates":[[[117.80,36.05],[117.82,36.05],[117.82,36.07],[117.80,36.07],[117.80,36.05]]]}}"#;

    #[test]
    fn a_polygon_is_read_with_its_name() {
        let outlines = parse(SQUARE, Datum::Wgs84).unwrap();
        assert_eq!(outlines.len(), 1);
        assert_eq!(outlines[0].name, "艾山街道");
        assert_eq!(outlines[0].vertices(), 5);
        assert!(outlines[0].shape.contains(&Point::new(117.81, 36.06)));
        let stored = outlines[0].to_geojson();
        assert_eq!(
            Outline::from_geojson("艾山街道", &stored).unwrap(),
            outlines[0]
        );
    }

    #[test]
    fn a_multipolygon_keeps_every_part_and_a_hole_stays_a_hole() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"NAME":"两块"},"geometry":{"type":"MultiPolygon","coordinates":[
            [[[0,0],[1,0],[1,1],[0,1],[0,0]]],
            [[[2,0],[3,0],[3,1],[2,1],[2,0]]]]}},
          {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[
            [[10,10],[14,10],[14,14],[10,14],[10,10]],
            [[11,11],[13,11],[13,13],[11,13],[11,11]]]}},
          {"type":"Feature","properties":{"name":"no shape"},"geometry":null}]}"#;
        let outlines = parse(text, Datum::Wgs84).unwrap();
        assert_eq!(outlines.len(), 2);
        assert_eq!(outlines[0].name, "两块");
        assert_eq!(outlines[0].shape.0.len(), 2);
        assert!((outlines[0].shape.unsigned_area() - 2.0).abs() < 1e-12);
        assert_eq!(outlines[1].name, "2", "unnamed: its number in the file");
        assert!((outlines[1].shape.unsigned_area() - 12.0).abs() < 1e-12);
        assert!(
            !outlines[1].shape.contains(&Point::new(12.0, 12.0)),
            "inside the hole"
        );
        assert!(outlines[1].shape.contains(&Point::new(10.5, 12.0)));
    }

    #[test]
    fn gcj02_files_are_moved_to_wgs84() {
        let outlines = parse(SQUARE, Datum::Gcj02).unwrap();
        let first = outlines[0].shape.0[0].exterior().0[0];
        let (lon, lat) = super::super::datum::gcj02_to_wgs84(117.80, 36.05);
        assert!((first.x - lon).abs() < 1e-12 && (first.y - lat).abs() < 1e-12);
        assert!(first.x < 117.80, "GCJ-02 lies east of WGS-84 here");
    }

    #[test]
    fn broken_and_unsupported_files_are_refused_with_the_reason() {
        assert!(matches!(
            parse("{\"type\": \"Feature\", ", Datum::Wgs84),
            Err(OutlineError::NotGeoJson(_))
        ));
        let line = r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#;
        assert_eq!(
            parse(line, Datum::Wgs84),
            Err(OutlineError::Unsupported {
                feature: 1,
                kind: "LineString".into()
            })
        );
        let open_ring = r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#;
        assert_eq!(
            parse(open_ring, Datum::Wgs84),
            Err(OutlineError::BadRing { feature: 1 })
        );
        let metres = r#"{"type":"Polygon","coordinates":[[[500000,4000000],[500100,4000000],[500100,4000100],[500000,4000000]]]}"#;
        assert_eq!(
            parse(metres, Datum::Wgs84),
            Err(OutlineError::BadRing { feature: 1 })
        );
        let empty = r#"{"type":"FeatureCollection","features":[]}"#;
        assert_eq!(parse(empty, Datum::Wgs84), Err(OutlineError::NoAreas));
    }
}
