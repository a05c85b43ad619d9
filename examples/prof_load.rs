fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let n: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(5);
    for _ in 0..n {
        let t = std::time::Instant::now();
        let d = negotiations::Dataset::from_dir(&dir).unwrap();
        eprintln!("{:?}", t.elapsed());
        drop(d);
    }
}
