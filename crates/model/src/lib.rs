//! The disclosure model shared by every stage: money, documents, tables, layouts and catalogs.
//!
//! Data flows one way: a reader fills a [`Document`], rules and renderers only read it.

pub mod catalog;
pub mod document;
pub mod layout;
pub mod money;

pub use catalog::{Catalog, CatalogEntry, CatalogError, Classification};
pub use document::*;
pub use layout::{ColumnRole, Layout, LayoutError, TableKind};
pub use money::{Money, ParseAmountError, Unit};
