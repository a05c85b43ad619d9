//! The language of news prose: duration phrases ([`phrase`]), temporal
//! expressions in sentences ([`timex`]), and the articles' texts as
//! received and repaired ([`text`]). Imports only the vocabulary.
pub mod phrase;
pub mod text;
pub mod timex;
