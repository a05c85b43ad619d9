//! The HTML view of an article with its candidates highlighted.

#[allow(unused_imports)]
use super::*;

impl Highlight {
    /// Marks `marks` in `text`.
    ///
    /// ```
    /// let h = negotiations::extract::Highlight::new("a\nb", vec![]);
    /// assert_eq!(h.html().matches("<p>").count(), 2);
    /// ```
    pub fn new(text: &str, mut marks: Vec<Mark>) -> Highlight {
        marks.retain(|m| {
            m.start < m.end
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
                && m.end <= text.len()
                && !text.get(m.start..m.end).is_some_and(|s| s.contains('\n'))
        });
        marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
        for m in marks {
            if kept.last().is_none_or(|k| m.start >= k.end) {
                kept.push(m);
            }
        }
        let mut html = String::with_capacity(text.len() * 2);
        html.push_str("<div class=\"negotiations-article\" style=\"max-width:46em;line-height:1.55;font-family:Georgia,serif\">");
        let mut marks = kept.into_iter().peekable();
        let mut line_start = 0;
        for line in text.split('\n') {
            let line_end = line_start + line.len();
            html.push_str("<p>");
            let mut at = line_start;
            while let Some(m) = marks.next_if(|m| m.start < line_end) {
                html.push_str(&escape_html(text.get(at..m.start).unwrap_or("")));
                let style = if m.underline {
                    "background:transparent;border-bottom:2px solid #777".to_string()
                } else {
                    format!("background:{};padding:0 1px", m.colour)
                };
                html.push_str(&format!(
                    "<mark title=\"{}\" style=\"{}\">{}",
                    escape_html(&m.title),
                    escape_html(&style),
                    escape_html(text.get(m.start..m.end).unwrap_or(""))
                ));
                if let Some(l) = &m.label {
                    html.push_str(&format!("<sup>{}</sup>", escape_html(l)));
                }
                html.push_str("</mark>");
                at = m.end;
            }
            html.push_str(&escape_html(text.get(at..line_end).unwrap_or("")));
            html.push_str("</p>\n");
            line_start = line_end + 1;
        }
        html.push_str("</div>");
        Highlight { html }
    }

    /// The HTML fragment.
    ///
    /// ```
    /// let h = negotiations::extract::Highlight::new("x & y", vec![]);
    /// assert!(h.html().contains("x &amp; y"));
    /// ```
    pub fn html(&self) -> &str {
        &self.html
    }

    /// This view beside `other_html` (an HTML table, say), side by side.
    ///
    /// ```
    /// let h = negotiations::extract::Highlight::new("x", vec![]).beside("<table></table>");
    /// assert!(h.html().starts_with("<div style=\"display:flex"));
    /// ```
    pub fn beside(self, other_html: &str) -> Highlight {
        Highlight {
            html: format!(
                "<div style=\"display:flex;gap:1.5em;align-items:flex-start\"><div style=\"flex:1 1 45%\">{}</div><div style=\"flex:1 1 55%;overflow-x:auto\">{other_html}</div></div>",
                self.html
            ),
        }
    }

    /// A whole HTML page with this view, titled `title` (escaped).
    ///
    /// ```
    /// let page = negotiations::extract::Highlight::new("x", vec![]).page("<b>");
    /// assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<title>&lt;b&gt;</title>"));
    /// ```
    pub fn page(&self, title: &str) -> String {
        let title = escape_html(title);
        format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body style=\"font-family:sans-serif;margin:1.5em\"><h1>{title}</h1>\n{}\n</body></html>\n",
            self.html
        )
    }

    /// Shows the view in an evcxr notebook.
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT text/html\n{}\nEVCXR_END_CONTENT",
            self.html
        );
    }
}
