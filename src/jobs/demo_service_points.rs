//! The demonstration's medical-insurance service points, as the article counts them: the
//! district hall, 16 workstations (8 of them new this year), 257 village points and a few
//! workstations inside hospitals, with a year of service log.
//!
//! Every coordinate is generated around the approximate street centres the demo's villages
//! were scattered about (see `demo.rs`): clearly generated, never surveyed. A dozen of the
//! most isolated villages get no point, so the 10-minute circle leaves a few out, as the
//! question staff ask needs. The street outlines are the convex hulls of each street's
//! villages, named as sketches.

use geo::{ConvexHull, MultiPoint, Point};
use jiff::civil::Date;

use crate::domain::region::RegionLevel;
use crate::domain::service_points::{
    Handling, NewServicePoint, Offered, PointStatus, ServiceId, ServicePointId, Staff, Tier,
};
use crate::domain::spatial::{Datum, distance_m};
use crate::domain::{RegionId, names};
use crate::store::regions::{self, Region};
use crate::store::service_points::{self as sp, log as sp_log, outlines};
use crate::store::{StoreError, Writer};

/// Workstations per street or function area, in division-code order: 16 in all.
const WORKSTATIONS: [usize; 7] = [3, 3, 2, 2, 2, 2, 2];
/// Village points in all.
const VILLAGE_POINTS: usize = 257;
/// Villages left without a point of their own (the most isolated).
const LEFT_OUT: usize = 12;
/// Workstations inside hospitals.
const HOSPITALS: usize = 4;

/// Writes the points, the sketch outlines and the log; returns how many points.
pub(super) fn generate(w: &Writer<'_>, today: Date) -> Result<usize, StoreError> {
    let mut rng = fastrand::Rng::with_seed(11_257);
    let places = regions::all(&w.read())?;
    let Some(district) = places.iter().find(|r| r.level == RegionLevel::District) else {
        return Ok(0);
    };
    let streets: Vec<&Region> = places
        .iter()
        .filter(|r| matches!(r.level, RegionLevel::Street | RegionLevel::FunctionArea))
        .collect();
    let villages: Vec<&Region> = places
        .iter()
        .filter(|r| r.level.holds_people() && r.lon.is_some() && r.lat.is_some())
        .collect();
    let services = sp::services(&w.read())?;
    let service = |n: usize| services.get(n).map(|s| s.id);
    let at = |r: &Region| (r.lon.unwrap_or(117.81), r.lat.unwrap_or(36.06));
    let year_start = today.first_of_year();
    let mut count = 0;

    let hall = sp::insert(
        w,
        &NewServicePoint {
            name: "钢城区医疗保障服务大厅".into(),
            tier: Tier::Hall,
            parent: None,
            region_id: district.id,
            address: "钢城区政务服务中心一楼".into(),
            at: Some(at(district)),
            hours: "周一至周五 8:30-12:00，13:30-17:00".into(),
            phone: "0634-0000100".into(),
            status: PointStatus::Open,
            opened_on: Some(jiff::civil::date(2019, 3, 1)),
            closed_on: None,
            is_new: false,
            services: offered(&service, &[0, 1, 2, 3, 4, 5], &[]),
            staff: staff(&mut rng, 3, true),
        },
    )?;
    count += 1;

    let mut workstations: Vec<(ServicePointId, RegionId, (f64, f64))> = Vec::new();
    let mut new_left = 8;
    for (street, how_many) in streets.iter().zip(WORKSTATIONS) {
        for n in 0..how_many {
            let spot = if n == 0 {
                at(street)
            } else {
                scatter(&mut rng, at(street), 2.0)
            };
            // The second and third of a street are the new ones, eight in all.
            let is_new = n > 0 && new_left > 0;
            if is_new {
                new_left -= 1;
            }
            let name = if n == 0 {
                format!("{}医保工作站", street.short_name)
            } else {
                format!("{}第{}医保工作站", street.short_name, n + 1)
            };
            let id = sp::insert(
                w,
                &NewServicePoint {
                    name,
                    tier: Tier::Workstation,
                    parent: Some(hall),
                    region_id: street.id,
                    address: format!("{}便民服务中心", street.short_name),
                    at: Some(round(spot)),
                    hours: "周一至周五 8:30-12:00，13:30-17:00".into(),
                    phone: format!("0634-00002{:02}", workstations.len()),
                    status: PointStatus::Open,
                    opened_on: Some(if is_new {
                        year_start.saturating_add(jiff::Span::new().days(rng.i64(30..200)))
                    } else {
                        jiff::civil::date(2021, 6, 1)
                    }),
                    closed_on: None,
                    is_new,
                    services: offered(&service, &[0, 1, 2, 3, 4, 5], &[]),
                    staff: staff(&mut rng, 2, true),
                },
            )?;
            workstations.push((id, street.id, spot));
            count += 1;
        }
    }

    // The most isolated villages get no point.
    let isolation: Vec<f64> = villages
        .iter()
        .map(|v| {
            villages
                .iter()
                .filter(|o| o.id != v.id)
                .map(|o| distance_m(at(v), at(o)))
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let mut by_isolation: Vec<usize> = (0..villages.len()).collect();
    by_isolation.sort_by(|&a, &b| isolation[b].total_cmp(&isolation[a]));
    let left_out: Vec<usize> = by_isolation.iter().copied().take(LEFT_OUT).collect();
    let with_point: Vec<usize> = (0..villages.len())
        .filter(|i| !left_out.contains(i))
        .collect();
    // The rest of the 257 go to the communities and villages listed first as second points.
    let mut sites: Vec<(usize, usize)> = with_point.iter().map(|&i| (i, 0)).collect();
    let extra = VILLAGE_POINTS.saturating_sub(sites.len());
    sites.extend(with_point.iter().take(extra).map(|&i| (i, 1)));
    for (index, nth) in sites {
        let v = villages[index];
        let street = v.parent_id;
        let parent = workstations
            .iter()
            .filter(|ws| Some(ws.1) == street)
            .min_by(|a, b| distance_m(a.2, at(v)).total_cmp(&distance_m(b.2, at(v))))
            .map(|ws| ws.0);
        let spot = scatter(&mut rng, at(v), if nth == 0 { 0.15 } else { 0.3 });
        let planned = nth == 1 && rng.u8(0..4) == 0;
        let name = if nth == 0 {
            format!("{}医保工作点", v.short_name)
        } else {
            format!("{}第二医保工作点", v.short_name)
        };
        sp::insert(
            w,
            &NewServicePoint {
                name,
                tier: Tier::Village,
                parent,
                region_id: v.id,
                address: format!("{}党群服务中心", v.short_name),
                at: Some(round(spot)),
                hours: "周一至周五 9:00-11:30".into(),
                phone: String::new(),
                status: if planned {
                    PointStatus::Planned
                } else {
                    PointStatus::Open
                },
                opened_on: Some(jiff::civil::date(2023 + rng.i16(0..3), rng.i8(1..=12), 1)),
                closed_on: None,
                is_new: false,
                services: offered(&service, &[4, 5], &[0, 1, 3]),
                staff: staff(&mut rng, 1, false),
            },
        )?;
        count += 1;
    }

    for (n, street) in streets.iter().take(HOSPITALS).enumerate() {
        sp::insert(
            w,
            &NewServicePoint {
                name: format!("{}卫生院医保工作站", street.short_name),
                tier: Tier::Hospital,
                parent: Some(hall),
                region_id: street.id,
                address: format!("{}卫生院门诊楼", street.short_name),
                at: Some(round(scatter(&mut rng, at(street), 1.0))),
                hours: "周一至周日 8:00-17:00".into(),
                phone: format!("0634-00003{n:02}"),
                status: PointStatus::Open,
                opened_on: Some(jiff::civil::date(2024, 1, 1)),
                closed_on: None,
                is_new: false,
                services: offered(&service, &[0, 3], &[]),
                staff: staff(&mut rng, 1, true),
            },
        )?;
        count += 1;
    }

    sketch_outlines(w, district, &streets, &villages)?;
    service_log(w, &mut rng, today, &services)?;
    Ok(count)
}

/// Services handled on site (indexes into the list) and assisted.
fn offered(
    service: &dyn Fn(usize) -> Option<ServiceId>,
    on_site: &[usize],
    assisted: &[usize],
) -> Vec<Offered> {
    let mut out: Vec<Offered> = on_site
        .iter()
        .filter_map(|&n| {
            Some(Offered {
                service: service(n)?,
                handling: Handling::OnSite,
            })
        })
        .collect();
    out.extend(assisted.iter().filter_map(|&n| {
        Some(Offered {
            service: service(n)?,
            handling: Handling::Assisted,
        })
    }));
    out
}

fn staff(rng: &mut fastrand::Rng, n: usize, full_time: bool) -> Vec<Staff> {
    (0..n)
        .map(|_| {
            let female = rng.bool();
            let mut pick = |n: usize| rng.usize(..n);
            let name = names::make_name(&mut pick, female);
            Staff {
                name,
                full_time,
                phone: format!("13{}0000{:04}", rng.u8(0..10), rng.u16(0..10_000)),
            }
        })
        .collect()
}

/// A point uniformly within `radius_km` of `centre`.
fn scatter(rng: &mut fastrand::Rng, centre: (f64, f64), radius_km: f64) -> (f64, f64) {
    let r = radius_km * rng.f64().sqrt();
    let angle = rng.f64() * std::f64::consts::TAU;
    (
        centre.0 + r * angle.cos() / (111.0 * centre.1.to_radians().cos()),
        centre.1 + r * angle.sin() / 111.0,
    )
}

fn round(at: (f64, f64)) -> (f64, f64) {
    ((at.0 * 1e6).round() / 1e6, (at.1 * 1e6).round() / 1e6)
}

/// Each street's convex hull of its villages (a sketch, named so), imported as an office
/// would import a GeoJSON file.
fn sketch_outlines(
    w: &Writer<'_>,
    district: &Region,
    streets: &[&Region],
    villages: &[&Region],
) -> Result<(), StoreError> {
    let mut features = Vec::new();
    let mut every = Vec::new();
    for street in streets {
        let points: Vec<Point<f64>> = villages
            .iter()
            .filter(|v| v.parent_id == Some(street.id))
            .filter_map(|v| Some(Point::new(v.lon?, v.lat?)))
            .collect();
        every.extend(points.iter().copied());
        if points.len() < 3 {
            continue;
        }
        features.push((
            format!("{}（示意轮廓）", street.short_name),
            MultiPoint(points).convex_hull(),
        ));
    }
    if every.len() >= 3 {
        features.insert(
            0,
            (
                format!("{}（示意轮廓）", district.short_name),
                MultiPoint(every).convex_hull(),
            ),
        );
    }
    let collection = geojson::FeatureCollection {
        bbox: None,
        features: features
            .into_iter()
            .map(|(name, hull)| {
                let mut properties = geojson::JsonObject::new();
                properties.insert("name".into(), name.into());
                geojson::Feature {
                    bbox: None,
                    geometry: Some(geojson::Geometry::new(geojson::GeometryValue::from(&hull))),
                    id: None,
                    properties: Some(properties),
                    foreign_members: None,
                }
            })
            .collect(),
        foreign_members: None,
    };
    outlines::import(
        w,
        &collection.to_string(),
        Datum::Wgs84,
        "演示数据：由村居坐标生成的示意轮廓",
    )?;
    Ok(())
}

/// A year of log: each open point, each month, a few services.
fn service_log(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    services: &[sp::Service],
) -> Result<(), StoreError> {
    let points = sp::list(&w.read(), &sp::PointFilter::default())?;
    for point in points
        .iter()
        .filter(|p| p.fields.status == PointStatus::Open)
    {
        let busy = match point.fields.tier {
            Tier::Hall => 60,
            Tier::Workstation => 25,
            Tier::Hospital => 15,
            Tier::Village => 4,
        };
        for months_back in 0..12 {
            let month_start = today
                .first_of_month()
                .saturating_sub(jiff::Span::new().months(months_back));
            let lines = if point.fields.tier == Tier::Village {
                1
            } else {
                2
            };
            for _ in 0..lines {
                let Some(offer) = point
                    .fields
                    .services
                    .get(rng.usize(..point.fields.services.len().max(1)))
                else {
                    continue;
                };
                if !services.iter().any(|s| s.id == offer.service) {
                    continue;
                }
                let day = month_start
                    .saturating_add(jiff::Span::new().days(rng.i64(0..28)))
                    .min(today);
                sp_log::add(
                    w,
                    &sp_log::NewLogLine {
                        point: point.id,
                        day,
                        service: offer.service,
                        count: rng.i64(1..=busy),
                        passed_on: offer.handling == Handling::Assisted,
                    },
                    today,
                )?;
            }
        }
    }
    Ok(())
}
