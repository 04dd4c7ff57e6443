//! The offline map: Web-Mercator, drawn with egui's painter (no tiles, no network). Drag to
//! pan, wheel to zoom about the cursor, a scale bar and a legend; points by tier with a
//! shape and a colour each (planned ones hollow); villages marked inside or outside the
//! circle; labels that never overlap; a click picks a point or a village, or places a new
//! point.
//!
//! Everything is projected to the plane once per data load ([`MapData`]) and to the screen
//! once per view change ([`MapView`] keeps the screen geometry, culled to what is in view);
//! an idle frame only paints what was kept.

use std::sync::Arc;

use egui::{
    Align2, Color32, FontId, Galley, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2,
};

use crate::domain::service_points::{PointStatus, ServicePointId, Tier};
use crate::domain::spatial::mercator::{self, Merc, View};
use crate::i18n::{Lang, service_points as sp};

/// A point as the map draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPoint {
    /// The point.
    pub id: ServicePointId,
    /// Its tier: shape and colour.
    pub tier: Tier,
    /// Planned ones are hollow, closed ones grey.
    pub status: PointStatus,
    /// Its label.
    pub name: String,
    /// Where, on the plane.
    pub at: Merc,
}

/// A village as the map draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct MapVillage {
    /// Index into the coverage report's villages.
    pub index: usize,
    /// Its label.
    pub name: String,
    /// Inside the circle.
    pub covered: bool,
    /// Where, on the plane.
    pub at: Merc,
}

/// One ring of an outline on the plane, with its bounding box for culling.
#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    /// The vertices.
    pub pts: Vec<Merc>,
    /// Lower-left corner.
    pub min: Merc,
    /// Upper-right corner.
    pub max: Merc,
}

impl Ring {
    /// A ring from WGS-84 `(lon, lat)` vertices.
    pub fn from_lon_lat(coords: impl IntoIterator<Item = (f64, f64)>) -> Ring {
        let pts: Vec<Merc> = coords
            .into_iter()
            .map(|(lon, lat)| mercator::project(lon, lat))
            .collect();
        let mut min = Merc {
            x: f64::INFINITY,
            y: f64::INFINITY,
        };
        let mut max = Merc {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        };
        for p in &pts {
            min.x = min.x.min(p.x);
            min.y = min.y.min(p.y);
            max.x = max.x.max(p.x);
            max.y = max.y.max(p.y);
        }
        Ring { pts, min, max }
    }
}

/// What the map shows, projected to the plane once per load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapData {
    /// The points (already filtered).
    pub points: Vec<MapPoint>,
    /// The villages.
    pub villages: Vec<MapVillage>,
    /// Outline rings.
    pub outlines: Vec<Ring>,
    /// The circle's radius, ground metres.
    pub radius_m: f64,
    /// Changes whenever the data does, so the screen geometry is made again.
    pub generation: u64,
    /// The coordinates are the demo's generated ones.
    pub generated: bool,
}

impl MapData {
    /// The plane box around everything, if anything.
    pub fn bounds(&self) -> Option<(Merc, Merc)> {
        let mut pts = self
            .points
            .iter()
            .map(|p| p.at)
            .chain(self.villages.iter().map(|v| v.at))
            .chain(self.outlines.iter().flat_map(|r| [r.min, r.max]));
        let first = pts.next()?;
        Some(pts.fold((first, first), |(lo, hi), p| {
            (
                Merc {
                    x: lo.x.min(p.x),
                    y: lo.y.min(p.y),
                },
                Merc {
                    x: hi.x.max(p.x),
                    y: hi.y.max(p.y),
                },
            )
        }))
    }
}

/// What was picked on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picked {
    /// A point.
    Point(ServicePointId),
    /// A village, by its index in the coverage report.
    Village(usize),
}

/// How the map is drawn this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MapOptions {
    /// Draw each open point's reach.
    pub show_circle: bool,
    /// Draw the villages.
    pub show_villages: bool,
    /// A click places a new point instead of picking.
    pub placing: bool,
}

/// What a frame of the map asks of the tab.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MapEvent {
    /// Nothing.
    None,
    /// Show this one's card (none: close the card).
    Picked(Option<Picked>),
    /// A new point goes here: WGS-84 `(lon, lat)`.
    Placed(f64, f64),
}

/// The colour of a tier.
pub fn tier_color(tier: Tier) -> Color32 {
    match tier {
        Tier::Hall => Color32::from_rgb(200, 40, 40),
        Tier::Workstation => Color32::from_rgb(30, 90, 200),
        Tier::Village => Color32::from_rgb(20, 140, 60),
        Tier::Hospital => Color32::from_rgb(140, 60, 170),
    }
}

fn point_size(tier: Tier) -> f32 {
    match tier {
        Tier::Hall => 8.0,
        Tier::Workstation => 7.0,
        Tier::Village => 4.5,
        Tier::Hospital => 6.0,
    }
}

/// The shape of a tier at `c`: hall a square, workstation a triangle, village point a
/// circle, hospital station a diamond; filled when open, hollow when planned, grey closed.
pub fn tier_shape(tier: Tier, status: PointStatus, c: Pos2, r: f32) -> Shape {
    let color = match status {
        PointStatus::Closed => Color32::GRAY,
        _ => tier_color(tier),
    };
    let filled = status == PointStatus::Open;
    let fill = if filled { color } else { Color32::WHITE };
    let stroke = Stroke::new(
        if filled { 1.0 } else { 2.0 },
        if filled { Color32::WHITE } else { color },
    );
    let polygon = |pts: Vec<Pos2>| Shape::convex_polygon(pts, fill, stroke);
    match tier {
        Tier::Hall => polygon(vec![
            c + vec2(-r, -r),
            c + vec2(r, -r),
            c + vec2(r, r),
            c + vec2(-r, r),
        ]),
        Tier::Workstation => polygon(vec![
            c + vec2(0.0, -r * 1.2),
            c + vec2(r * 1.1, r * 0.8),
            c + vec2(-r * 1.1, r * 0.8),
        ]),
        Tier::Village => Shape::circle_filled(c, r, fill).with_stroke(stroke),
        Tier::Hospital => polygon(vec![
            c + vec2(0.0, -r * 1.2),
            c + vec2(r * 1.2, 0.0),
            c + vec2(0.0, r * 1.2),
            c + vec2(-r * 1.2, 0.0),
        ]),
    }
}

trait WithStroke {
    fn with_stroke(self, stroke: Stroke) -> Shape;
}

impl WithStroke for Shape {
    fn with_stroke(self, stroke: Stroke) -> Shape {
        match self {
            Shape::Circle(mut c) => {
                c.stroke = stroke;
                Shape::Circle(c)
            }
            other => other,
        }
    }
}

const UNCOVERED: Color32 = Color32::from_rgb(230, 110, 0);

/// A label laid out for the screen.
struct Label {
    galley: Arc<Galley>,
    at: Pos2,
}

/// The screen geometry of one view of the data.
struct Screen {
    key: (u64, [u64; 2], [u32; 4]),
    outlines: Vec<Vec<Pos2>>,
    points: Vec<(usize, Pos2)>,
    villages: Vec<(usize, Pos2)>,
    labels: Vec<Label>,
    circle_px: f32,
}

/// The map's own state: the view and the screen geometry made for it.
#[derive(Default)]
pub struct MapView {
    view: Option<View>,
    screen: Option<Screen>,
    fitted_for: Option<u64>,
}

/// How many screen points the map sets aside for the legend and the bars.
const MARGIN: f32 = 10.0;
/// Rows of the legend.
const LEGEND_ROWS: usize = 7;

/// Where the legend, the notes and the scale bar are drawn: no label goes there.
fn overlay_rects(rect: Rect) -> [Rect; 3] {
    [
        Rect::from_min_max(
            pos2(rect.max.x - 225.0, rect.min.y + MARGIN),
            pos2(
                rect.max.x - MARGIN,
                rect.min.y + MARGIN + 34.0 + LEGEND_ROWS as f32 * 20.0,
            ),
        ),
        Rect::from_min_size(rect.min + vec2(MARGIN, MARGIN), vec2(430.0, 36.0)),
        Rect::from_min_size(
            pos2(rect.min.x + MARGIN, rect.max.y - 48.0),
            vec2(230.0, 40.0),
        ),
    ]
}

impl MapView {
    /// Shows the whole of the data again at the next frame.
    pub fn fit(&mut self) {
        self.view = None;
    }

    /// The current view, once drawn.
    pub fn view(&self) -> Option<View> {
        self.view
    }

    /// Shows `view` from the next frame (the benchmarks pan with it).
    pub fn set_view(&mut self, view: View) {
        self.view = Some(view);
        self.fitted_for = Some(0);
    }

    /// Draws the map filling `size` and handles the mouse.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        size: Vec2,
        data: &MapData,
        options: MapOptions,
        selected: Option<Picked>,
        lang: Lang,
    ) -> MapEvent {
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, Color32::from_rgb(245, 243, 236));
        let dims = (f64::from(rect.width()), f64::from(rect.height()));
        if (self.view.is_none() || self.fitted_for.is_none())
            && let Some((min, max)) = data.bounds()
        {
            self.view = Some(View::fit(min, max, dims));
            self.fitted_for = Some(data.generation);
        }
        let Some(mut view) = self.view else {
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                lang.t(sp::NOT_PLACED),
                FontId::proportional(14.0),
                Color32::DARK_GRAY,
            );
            return MapEvent::None;
        };
        // Pan and zoom.
        if response.dragged() {
            let d = response.drag_delta();
            view.pan(f64::from(d.x), f64::from(d.y));
        }
        if let Some(hover) = response.hover_pos() {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = f64::from(zoom) * (f64::from(scroll) / 200.0).exp();
            if (factor - 1.0).abs() > 1e-4 {
                let off = hover - rect.center();
                view.zoom_about(factor, f64::from(off.x), f64::from(off.y));
            }
        }
        self.view = Some(view);
        let key = (
            data.generation,
            [
                view.centre.x.to_bits() ^ view.centre.y.to_bits().rotate_left(1),
                view.m_per_px.to_bits(),
            ],
            [
                rect.min.x.to_bits(),
                rect.min.y.to_bits(),
                rect.max.x.to_bits(),
                rect.max.y.to_bits(),
            ],
        );
        if self.screen.as_ref().is_none_or(|s| s.key != key) {
            self.screen = Some(make_screen(ui, rect, &view, data, options, key));
        }
        let Some(screen) = &self.screen else {
            return MapEvent::None;
        };
        paint(&painter, screen, data, options, selected);
        overlays_ui(&painter, rect, &view, data, lang);
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            if options.placing {
                let off = pos - rect.center();
                let (lon, lat) =
                    mercator::unproject(view.to_plane(f64::from(off.x), f64::from(off.y)));
                return MapEvent::Placed(lon, lat);
            }
            return MapEvent::Picked(pick(screen, data, pos, options));
        }
        MapEvent::None
    }
}

/// The nearest point (then village) within 10 screen points of `pos`.
fn pick(screen: &Screen, data: &MapData, pos: Pos2, options: MapOptions) -> Option<Picked> {
    let near = |list: &[(usize, Pos2)]| {
        list.iter()
            .map(|(i, p)| (*i, p.distance(pos)))
            .filter(|(_, d)| *d <= 10.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    };
    if let Some(i) = near(&screen.points) {
        return Some(Picked::Point(data.points[i].id));
    }
    if options.show_villages {
        return near(&screen.villages).map(|i| Picked::Village(data.villages[i].index));
    }
    None
}

fn make_screen(
    ui: &Ui,
    rect: Rect,
    view: &View,
    data: &MapData,
    options: MapOptions,
    key: (u64, [u64; 2], [u32; 4]),
) -> Screen {
    let centre = rect.center();
    let to_screen = |m: Merc| {
        let (x, y) = view.to_screen(m);
        pos2(centre.x + x as f32, centre.y + y as f32)
    };
    let (lo, hi) = (
        view.to_plane(
            -f64::from(rect.width()) / 2.0,
            f64::from(rect.height()) / 2.0,
        ),
        view.to_plane(
            f64::from(rect.width()) / 2.0,
            -f64::from(rect.height()) / 2.0,
        ),
    );
    let visible_box =
        |min: Merc, max: Merc| min.x <= hi.x && max.x >= lo.x && min.y <= hi.y && max.y >= lo.y;
    let inside = rect.expand(12.0);
    // Rings in view, with vertices closer than half a screen point merged.
    let outlines = data
        .outlines
        .iter()
        .filter(|r| visible_box(r.min, r.max))
        .map(|r| {
            let mut out: Vec<Pos2> = Vec::with_capacity(r.pts.len().min(4096));
            for p in &r.pts {
                let s = to_screen(*p);
                if out.last().is_none_or(|l: &Pos2| l.distance_sq(s) >= 0.25) {
                    out.push(s);
                }
            }
            out
        })
        .filter(|r| r.len() >= 2)
        .collect();
    let points: Vec<(usize, Pos2)> = data
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| (i, to_screen(p.at)))
        .filter(|(_, s)| inside.contains(*s))
        .collect();
    let villages: Vec<(usize, Pos2)> = if options.show_villages {
        data.villages
            .iter()
            .enumerate()
            .map(|(i, v)| (i, to_screen(v.at)))
            .filter(|(_, s)| inside.contains(*s))
            .collect()
    } else {
        Vec::new()
    };
    let labels = place_labels(ui, view, data, &points, &villages, &overlay_rects(rect));
    Screen {
        key,
        outlines,
        points,
        villages,
        labels,
        circle_px: view.px_for_ground_m(data.radius_m) as f32,
    }
}

/// Labels by importance (hall, workstations, hospitals, uncovered villages, village
/// points, other villages), each kept only where it overlaps no label already placed;
/// village labels only once zoomed in enough to read them.
fn place_labels(
    ui: &Ui,
    view: &View,
    data: &MapData,
    points: &[(usize, Pos2)],
    villages: &[(usize, Pos2)],
    overlays: &[Rect],
) -> Vec<Label> {
    let close = view.ground_m_per_px() < 12.0;
    let mut wanted: Vec<(u8, Pos2, &str, Color32)> = Vec::new();
    for (i, s) in points {
        let p = &data.points[*i];
        let rank = match p.tier {
            Tier::Hall => 0,
            Tier::Workstation => 1,
            Tier::Hospital => 2,
            Tier::Village if close => 4,
            Tier::Village => continue,
        };
        wanted.push((rank, *s, &p.name, tier_color(p.tier).gamma_multiply(0.9)));
    }
    for (i, s) in villages {
        let v = &data.villages[*i];
        match v.covered {
            false => wanted.push((3, *s, &v.name, UNCOVERED)),
            true if close => wanted.push((5, *s, &v.name, Color32::DARK_GRAY)),
            true => {}
        }
    }
    wanted.sort_by_key(|w| w.0);
    let font = FontId::proportional(11.0);
    let mut placed: Vec<Rect> = overlays.to_vec();
    // Markers are obstacles too, so a label does not hide a point.
    placed.extend(
        points
            .iter()
            .map(|(_, s)| Rect::from_center_size(*s, Vec2::splat(8.0))),
    );
    placed.extend(
        villages
            .iter()
            .filter(|(i, _)| !data.villages[*i].covered)
            .map(|(_, s)| Rect::from_center_size(*s, Vec2::splat(12.0))),
    );
    let mut out = Vec::new();
    for (_, at, text, color) in wanted {
        let galley = ui.fonts_mut(|f| f.layout_no_wrap(text.to_string(), font.clone(), color));
        let size = galley.size();
        // Right of the marker, else left, else above.
        let spots = [
            Rect::from_min_size(at + vec2(7.0, -size.y / 2.0), size),
            Rect::from_min_size(at + vec2(-7.0 - size.x, -size.y / 2.0), size),
            Rect::from_min_size(at + vec2(-size.x / 2.0, -8.0 - size.y), size),
        ];
        let Some(spot) = spots
            .into_iter()
            .find(|r| !placed.iter().any(|p| p.intersects(*r)))
        else {
            continue;
        };
        placed.push(spot);
        out.push(Label {
            galley,
            at: spot.min,
        });
    }
    out
}

fn paint(
    painter: &egui::Painter,
    screen: &Screen,
    data: &MapData,
    options: MapOptions,
    selected: Option<Picked>,
) {
    let outline = Stroke::new(1.2, Color32::from_rgb(120, 110, 150));
    for ring in &screen.outlines {
        painter.add(Shape::line(ring.clone(), outline));
    }
    if options.show_circle {
        let fill = Color32::from_rgba_unmultiplied(30, 90, 200, 22);
        for (i, s) in &screen.points {
            if data.points[*i].status == PointStatus::Open {
                painter.circle(
                    *s,
                    screen.circle_px,
                    fill,
                    Stroke::new(0.6, Color32::from_rgba_unmultiplied(30, 90, 200, 90)),
                );
            }
        }
    }
    for (i, s) in &screen.villages {
        let v = &data.villages[*i];
        if v.covered {
            painter.circle_stroke(*s, 3.0, Stroke::new(1.0, Color32::DARK_GRAY));
        } else {
            painter.circle_filled(*s, 4.5, UNCOVERED);
            painter.circle_stroke(*s, 6.5, Stroke::new(1.5, UNCOVERED));
        }
    }
    // Lower tiers first, so the hall is drawn on top.
    for tier in [Tier::Village, Tier::Hospital, Tier::Workstation, Tier::Hall] {
        for (i, s) in &screen.points {
            let p = &data.points[*i];
            if p.tier == tier {
                painter.add(tier_shape(p.tier, p.status, *s, point_size(p.tier)));
            }
        }
    }
    let chosen = match selected {
        Some(Picked::Point(id)) => screen
            .points
            .iter()
            .find(|(i, _)| data.points[*i].id == id)
            .map(|(_, s)| *s),
        Some(Picked::Village(index)) => screen
            .villages
            .iter()
            .find(|(i, _)| data.villages[*i].index == index)
            .map(|(_, s)| *s),
        None => None,
    };
    if let Some(s) = chosen {
        painter.circle_stroke(s, 12.0, Stroke::new(2.5, Color32::BLACK));
    }
    for label in &screen.labels {
        painter.galley(label.at, label.galley.clone(), Color32::BLACK);
    }
}

/// The scale bar, the legend and the notes on the map.
fn overlays_ui(painter: &egui::Painter, rect: Rect, view: &View, data: &MapData, lang: Lang) {
    let font = FontId::proportional(12.0);
    // Scale bar, bottom left.
    let (metres, px) = mercator::scale_bar(view, 160.0);
    let y = rect.max.y - 22.0;
    let x0 = rect.min.x + MARGIN + 4.0;
    let bar = [pos2(x0, y), pos2(x0 + px as f32, y)];
    painter.rect_filled(
        Rect::from_min_max(
            pos2(x0 - 6.0, y - 20.0),
            pos2(x0 + px as f32 + 50.0, y + 8.0),
        ),
        3.0,
        Color32::from_white_alpha(210),
    );
    painter.line_segment(bar, Stroke::new(3.0, Color32::BLACK));
    for x in [bar[0].x, bar[1].x] {
        painter.line_segment(
            [pos2(x, y - 5.0), pos2(x, y + 3.0)],
            Stroke::new(1.5, Color32::BLACK),
        );
    }
    let text = if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{metres} m")
    };
    painter.text(
        pos2(x0, y - 7.0),
        Align2::LEFT_BOTTOM,
        text,
        font.clone(),
        Color32::BLACK,
    );

    // Legend, top right.
    let rows: Vec<(Shape, String)> = {
        let at = |n: usize| {
            pos2(
                rect.max.x - 210.0,
                rect.min.y + MARGIN + 34.0 + n as f32 * 20.0,
            )
        };
        let mut rows: Vec<(Shape, String)> = Tier::ALL
            .iter()
            .enumerate()
            .map(|(n, t)| {
                (
                    tier_shape(*t, PointStatus::Open, at(n), 6.0),
                    lang.t(sp::tier(*t)).to_string(),
                )
            })
            .collect();
        rows.push((
            tier_shape(Tier::Village, PointStatus::Planned, at(4), 5.0),
            lang.t(sp::LEGEND_PLANNED).to_string(),
        ));
        rows.push((
            Shape::circle_stroke(at(5), 3.0, Stroke::new(1.0, Color32::DARK_GRAY)),
            lang.t(sp::LEGEND_VILLAGE_COVERED).to_string(),
        ));
        rows.push((
            Shape::circle_filled(at(6), 4.5, UNCOVERED),
            lang.t(sp::LEGEND_VILLAGE_UNCOVERED).to_string(),
        ));
        rows
    };
    let legend = Rect::from_min_max(
        pos2(rect.max.x - 225.0, rect.min.y + MARGIN),
        pos2(
            rect.max.x - MARGIN,
            rect.min.y + MARGIN + 34.0 + rows.len() as f32 * 20.0,
        ),
    );
    painter.rect_filled(legend, 4.0, Color32::from_white_alpha(225));
    painter.text(
        legend.min + vec2(8.0, 6.0),
        Align2::LEFT_TOP,
        lang.t(sp::LEGEND),
        FontId::proportional(13.0),
        Color32::BLACK,
    );
    for (shape, text) in rows {
        let c = shape.visual_bounding_rect().center();
        painter.add(shape);
        painter.text(
            c + vec2(14.0, 0.0),
            Align2::LEFT_CENTER,
            text,
            font.clone(),
            Color32::BLACK,
        );
    }
    // Notes, top left.
    let mut y = rect.min.y + MARGIN;
    let mut note = |text: &str| {
        let galley = painter.layout_no_wrap(text.to_string(), font.clone(), Color32::BLACK);
        painter.rect_filled(
            Rect::from_min_size(pos2(rect.min.x + MARGIN, y), galley.size()).expand(2.0),
            2.0,
            Color32::from_white_alpha(215),
        );
        let r = painter.text(
            pos2(rect.min.x + MARGIN, y),
            Align2::LEFT_TOP,
            text,
            font.clone(),
            Color32::from_rgb(90, 60, 20),
        );
        y = r.max.y + 4.0;
    };
    if data.outlines.is_empty() {
        note(lang.t(sp::NO_OUTLINE));
    }
    if data.generated {
        note(lang.t(sp::GENERATED_COORDS));
    }
    painter.text(
        rect.max - vec2(MARGIN, MARGIN),
        Align2::RIGHT_BOTTOM,
        lang.t(sp::MAP_HINT),
        font,
        Color32::DARK_GRAY,
    );
}
