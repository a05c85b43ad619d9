//! Marks cut to their panel: a [`Canvas`] that passes on only what lies
//! inside a rectangle, so that `x_domain(0, 10)` shows 0 to 10 and nothing
//! beyond, in the SVG and the PNG alike (the geometry is cut before either
//! backend sees it, so both show the same).

use super::canvas::{Anchor, Canvas, Look, Paint};

/// A rectangle `(x0, y0, x1, y1)`, `x0 <= x1` and `y0 <= y1`, in pixels.
pub(crate) type Area = (f64, f64, f64, f64);

/// Draws on `inner` what falls inside `area`.
pub(crate) struct Clipped<'c> {
    inner: &'c mut dyn Canvas,
    area: Area,
}

impl<'c> Clipped<'c> {
    /// Half a pixel of slack: a mark exactly on the edge of its domain
    /// stays whole.
    pub(crate) fn new(inner: &'c mut dyn Canvas, area: Area) -> Clipped<'c> {
        let (x0, y0, x1, y1) = area;
        Clipped {
            inner,
            area: (
                x0.min(x1) - 0.5,
                y0.min(y1) - 0.5,
                x0.max(x1) + 0.5,
                y0.max(y1) + 0.5,
            ),
        }
    }

    fn inside(&self, (x, y): (f64, f64)) -> bool {
        let (x0, y0, x1, y1) = self.area;
        x >= x0 && x <= x1 && y >= y0 && y <= y1
    }
}

impl Canvas for Clipped<'_> {
    fn rect(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        let (a0, b0, a1, b1) = self.area;
        let (l, t) = (x0.min(x1).max(a0), y0.min(y1).max(b0));
        let (r, b) = (x0.max(x1).min(a1), y0.max(y1).min(b1));
        if l <= r && t <= b {
            self.inner.rect(l, t, r, b, fill, stroke);
        }
    }

    fn polyline(&mut self, points: &[(f64, f64)], stroke: Paint, width: f64, dashed: bool) {
        for piece in clip_polyline(points, self.area) {
            self.inner.polyline(&piece, stroke, width, dashed);
        }
    }

    fn polygon(&mut self, points: &[(f64, f64)], fill: Paint) {
        let cut = clip_polygon(points, self.area);
        if cut.len() >= 3 {
            self.inner.polygon(&cut, fill);
        }
    }

    fn circle(
        &mut self,
        centre: (f64, f64),
        r: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        // A point outside the domain is not drawn; one inside is drawn
        // whole, even where its disc reaches past the edge.
        if self.inside(centre) {
            self.inner.circle(centre, r, fill, stroke);
        }
    }

    fn text(&mut self, s: &str, at: (f64, f64), font: Look, anchor: Anchor, rotate: bool) {
        if self.inside(at) {
            self.inner.text(s, at, font, anchor, rotate);
        }
    }

    fn begin(&mut self, tooltip: Option<&str>) {
        self.inner.begin(tooltip);
    }

    fn end(&mut self) {
        self.inner.end();
    }
}

/// The parts of a polyline inside `area` (Liang–Barsky on each segment;
/// consecutive kept segments are joined into one piece).
pub(crate) fn clip_polyline(points: &[(f64, f64)], area: Area) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    if points.len() == 1 {
        let (x0, y0, x1, y1) = area;
        let p = points[0];
        if p.0 >= x0 && p.0 <= x1 && p.1 >= y0 && p.1 <= y1 {
            pieces.push(vec![p]);
        }
        return pieces;
    }
    for w in points.windows(2) {
        match clip_segment(w[0], w[1], area) {
            Some((a, b)) => {
                if current.last() != Some(&a) {
                    if current.len() >= 2 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(a);
                }
                current.push(b);
            }
            None => {
                if current.len() >= 2 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces
}

/// The part of the segment `a`–`b` inside `area`, if any.
fn clip_segment(a: (f64, f64), b: (f64, f64), area: Area) -> Option<((f64, f64), (f64, f64))> {
    let (x0, y0, x1, y1) = area;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let at = |t: f64| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + dx * t, a.1 + dy * t)
        }
    };
    Some((at(t0), at(t1)))
}

/// A polygon cut to `area` (Sutherland–Hodgman: one edge of the area at a
/// time).
pub(crate) fn clip_polygon(points: &[(f64, f64)], area: Area) -> Vec<(f64, f64)> {
    let (x0, y0, x1, y1) = area;
    // Each edge: whether a point is inside it, and where a segment crosses it.
    type Edge = (fn(f64, (f64, f64)) -> bool, usize, f64);
    let edges: [Edge; 4] = [
        (|v, p| p.0 >= v, 0, x0),
        (|v, p| p.0 <= v, 0, x1),
        (|v, p| p.1 >= v, 1, y0),
        (|v, p| p.1 <= v, 1, y1),
    ];
    let mut out: Vec<(f64, f64)> = points.to_vec();
    for (inside, axis, v) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let cross = |a: (f64, f64), b: (f64, f64)| {
            let (ca, cb) = if axis == 0 { (a.0, b.0) } else { (a.1, b.1) };
            let t = (v - ca) / (cb - ca);
            if axis == 0 {
                (v, a.1 + (b.1 - a.1) * t)
            } else {
                (a.0 + (b.0 - a.0) * t, v)
            }
        };
        let mut prev = input[input.len() - 1];
        for &p in &input {
            match (inside(v, p), inside(v, prev)) {
                (true, true) => out.push(p),
                (true, false) => {
                    out.push(cross(prev, p));
                    out.push(p);
                }
                (false, true) => out.push(cross(prev, p)),
                (false, false) => {}
            }
            prev = p;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Area = (0.0, 0.0, 10.0, 10.0);

    #[test]
    fn a_line_leaving_and_coming_back_is_cut_in_two() {
        let pieces = clip_polyline(&[(1.0, 1.0), (20.0, 1.0), (20.0, 5.0), (5.0, 5.0)], AREA);
        assert_eq!(
            pieces,
            vec![vec![(1.0, 1.0), (10.0, 1.0)], vec![(10.0, 5.0), (5.0, 5.0)]]
        );
        assert!(clip_polyline(&[(11.0, 1.0), (20.0, 1.0)], AREA).is_empty());
        assert_eq!(
            clip_polyline(&[(1.0, 1.0), (2.0, 2.0), (3.0, 1.0)], AREA).len(),
            1
        );
    }

    #[test]
    fn a_polygon_is_cut_to_the_area() {
        let cut = clip_polygon(&[(5.0, 5.0), (20.0, 5.0), (20.0, 8.0), (5.0, 8.0)], AREA);
        assert!(cut.iter().all(|p| p.0 <= 10.0 && p.0 >= 5.0), "{cut:?}");
        assert!(
            cut.contains(&(10.0, 5.0)) && cut.contains(&(10.0, 8.0)),
            "{cut:?}"
        );
        assert!(clip_polygon(&[(11.0, 1.0), (12.0, 1.0), (12.0, 2.0)], AREA).is_empty());
    }
}
