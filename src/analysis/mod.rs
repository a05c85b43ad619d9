//! What is computed from the tables: the comparative metrics, survival
//! (Kaplan–Meier), and the UCDP base rates.
pub mod base_rates;
pub mod metrics;
pub mod survival;
