//! A hayro [`Device`] that records glyphs (with Unicode text and positions) and thin drawn
//! paths (table rules). All coordinates are in points, y down from the top of the page.

use crate::norm::{is_undecodable, push_norm};
use hayro_cmap::BfString;
use hayro_interpret::font::{Glyph as HGlyph, GlyphRun};
use hayro_interpret::{BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, Paint, SoftMask};
use kurbo::{Affine, BezPath, ParamCurveExtrema, PathEl, Point, Rect, Shape};

/// One decoded glyph.
#[derive(Clone, Debug)]
pub(crate) struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    /// Baseline y for upright text, the vertical centre for rotated text.
    pub base: f64,
    pub size: f64,
}

impl Glyph {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

#[derive(Default)]
pub(crate) struct Collector {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rect>,
    pub undecoded: usize,
    pub images: usize,
}

/// Thickness below which a drawn shape counts as a rule, in points.
const THIN: f64 = 2.0;
/// Minimum length of a rule, in points.
const MIN_RULE: f64 = 3.0;

fn is_invisible(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(c) => {
            let [r, g, b, a] = c.to_rgba().to_rgba8();
            a == 0 || (r > 245 && g > 245 && b > 245)
        }
        Paint::Pattern(_) => false,
    }
}

impl Collector {
    fn push_rule(&mut self, bb: Rect) {
        let (w, h) = (bb.width(), bb.height());
        if (w < THIN && h >= MIN_RULE) || (h < THIN && w >= MIN_RULE) {
            self.rules.push(bb);
        }
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        if is_invisible(&props.paint) {
            return;
        }
        let t = props.transform;
        let p = t * path.clone();
        match draw_mode {
            DrawMode::Stroke(sp) | DrawMode::FillAndStroke(_, sp) => {
                let lw = sp.line_width as f64 * t.determinant().abs().sqrt();
                for seg in p.segments() {
                    let bb = ParamCurveExtrema::bounding_box(&seg);
                    if bb.width() < THIN {
                        self.push_rule(bb.inflate(lw.min(THIN) / 2.0, 0.0));
                    } else if bb.height() < THIN {
                        self.push_rule(bb.inflate(0.0, lw.min(THIN) / 2.0));
                    }
                }
            }
            DrawMode::Fill(_) => {
                // Each closed sub-path separately: some producers draw all borders of a table
                // as one path of thin rectangles.
                let mut sub = BezPath::new();
                for el in p.elements() {
                    if matches!(el, PathEl::MoveTo(_)) && !sub.elements().is_empty() {
                        self.push_rule(sub.bounding_box());
                        sub = BezPath::new();
                    }
                    sub.push(*el);
                }
                if !sub.elements().is_empty() {
                    self.push_rule(sub.bounding_box());
                }
            }
            DrawMode::Invisible => {}
        }
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        for g in run.glyphs() {
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => String::new(),
            };
            if text.is_empty() || text.chars().any(is_undecodable) {
                self.undecoded += 1;
                continue;
            }
            let mut norm = String::with_capacity(text.len());
            text.chars().for_each(|c| push_norm(c, &mut norm));
            if norm.trim().is_empty() {
                continue; // spaces: word gaps are measured from positions
            }
            let adv = match &**g {
                HGlyph::Outline(o) => o.advance_width(),
                HGlyph::Type3(t3) => t3.advance_width(),
            }
            .filter(|a| a.is_finite() && *a > 50.0 && *a < 2500.0)
            .unwrap_or(500.0) as f64
                / 1000.0;
            let t: Affine = props.transform * g.transform();
            let origin = t * Point::ZERO;
            let up = t * Point::new(0.0, 1000.0) - origin;
            let size = up.hypot();
            if !(0.5..=500.0).contains(&size) {
                continue;
            }
            let right = t * Point::new(1000.0, 0.0) - origin;
            let rlen = right.hypot();
            let unit = if rlen > 1e-6 { right / rlen } else { kurbo::Vec2::new(1.0, 0.0) };
            let adv_v = unit * (adv * size);
            let corners =
                [origin - up * 0.12, origin + up * 0.88, origin + adv_v - up * 0.12, origin + adv_v + up * 0.88];
            let mut bb = Rect::from_points(corners[0], corners[1]);
            bb = bb.union_pt(corners[2]).union_pt(corners[3]);
            let upright = up.y.abs() >= up.x.abs();
            let base = if upright { origin.y } else { bb.center().y };
            self.glyphs.push(Glyph { text: norm, x0: bb.x0, x1: bb.x1, top: bb.y0, bottom: bb.y1, base, size });
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.images += 1;
    }
}
