use super::*;

#[test]
fn natural_order_reads_numbers() {
    let mut v = vec!["p10", "p2", "p1", "a"];
    v.sort_by(|a, b| natural(a, b));
    assert_eq!(v, ["a", "p1", "p2", "p10"]);
}

#[test]
fn thinning_keeps_the_shape_of_a_line() {
    let pts: Vec<(f64, f64)> = (0..10_000)
        .map(|i| (i as f64 / 100.0, (i % 7) as f64))
        .collect();
    let t = thin(&pts);
    assert!(t.len() <= 4 * 100, "{}", t.len());
    assert_eq!(t.first(), pts.first());
    assert_eq!(t.last(), pts.last());
    assert!(t.iter().any(|p| p.1 == 6.0) && t.iter().any(|p| p.1 == 0.0));
}
