//! The vocabulary of the data: its codes as enums, dates with their
//! precision, citations of the record, and the rule that keeps paths from
//! the data inside the package. Imports nothing but the error type.
pub mod citation;
pub mod codes;
pub mod dates;
pub mod paths;
