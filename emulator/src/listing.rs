//! Paginated lists: the query parameters (`page`, `per_page`, `order`, `direction`, `search`,
//! `scopes`), one ordering rule for stores and secrets alike, and pagination that answers past
//! the end with an empty page.

use std::cmp::Ordering;

use serde_json::{Value, json};

use crate::limits::{ApiError, ApiResult};
use crate::wire::Query;

/// The `order` values the list operations accept (stores and secrets share them).
pub const ORDERS: &[&str] = &["name", "comment", "created", "modified", "status"];

/// Query parameters of the paginated list operations, already validated.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    /// The page, from 1.
    pub page: u64,
    /// Items per page, 1 to 100.
    pub per_page: u64,
    /// One of [`ORDERS`]; creation order when `None`.
    pub order: Option<String>,
    /// Newest (or last) first, the API's default.
    pub descending: bool,
    /// A case-insensitive search in names and comments.
    pub search: Option<String>,
    /// Scopes every listed item must have.
    pub scopes: Vec<String>,
}

impl ListQuery {
    /// Reads and checks the list parameters of a query string.
    pub fn from_query(query: &Query) -> ApiResult<ListQuery> {
        let page = query.number("page", 1)?.max(1);
        let per_page = match query.number("per_page", 20)? {
            0 => 20,
            n if n > 100 => return Err(ApiError::store_invalid("per_page must be at most 100")),
            n => n,
        };
        let order = match query.first("order") {
            None | Some("") => None,
            Some(order) if ORDERS.contains(&order) => Some(order.to_owned()),
            Some(_) => {
                return Err(ApiError::store_invalid(format!(
                    "order must be one of {}",
                    ORDERS.join(", ")
                )));
            }
        };
        let descending = match query.first("direction") {
            None | Some("") | Some("desc") => true,
            Some("asc") => false,
            Some(_) => return Err(ApiError::store_invalid("direction must be asc or desc")),
        };
        Ok(ListQuery {
            page,
            per_page,
            order,
            descending,
            search: query
                .first("search")
                .filter(|search| !search.is_empty())
                .map(str::to_owned),
            scopes: query.all("scopes"),
        })
    }
}

/// What a list can be ordered by. Stores have no comment or status, so ordering them by one
/// of those keeps creation order.
pub trait Listed {
    /// The name.
    fn name(&self) -> &str;
    /// The comment, if any.
    fn comment(&self) -> Option<&str> {
        None
    }
    /// The status, if any.
    fn status(&self) -> &str {
        ""
    }
    /// The position in creation order.
    fn created_seq(&self) -> u64;
    /// The position in modification order.
    fn modified_seq(&self) -> u64;
}

/// Compares two items by the query's `order`, ties broken by creation order.
fn compare<T: Listed>(order: Option<&str>, a: &T, b: &T) -> Ordering {
    let by_field = match order {
        Some("name") => a.name().cmp(b.name()),
        Some("comment") => a.comment().cmp(&b.comment()),
        Some("status") => a.status().cmp(b.status()),
        Some("modified") => a.modified_seq().cmp(&b.modified_seq()),
        _ => Ordering::Equal,
    };
    by_field.then(a.created_seq().cmp(&b.created_seq()))
}

/// One page of a list and its `result_info`.
#[derive(Clone, Debug, PartialEq)]
pub struct PageResult {
    /// The page's items, response-shaped.
    pub items: Vec<Value>,
    /// `count`, `page`, `per_page`, `total_count`, `total_pages`.
    pub result_info: Value,
}

/// Orders `items` as the query asks, renders the requested page with `render`.
pub fn page_of<T: Listed>(
    mut items: Vec<&T>,
    query: &ListQuery,
    render: impl Fn(&T) -> Value,
) -> PageResult {
    items.sort_by(|a, b| compare(query.order.as_deref(), *a, *b));
    if query.descending {
        items.reverse();
    }
    let total = items.len() as u64;
    let per_page = query.per_page.max(1);
    let total_pages = total.div_ceil(per_page);
    let start = query.page.saturating_sub(1).saturating_mul(per_page);
    let page_items: Vec<Value> = items
        .into_iter()
        .skip(usize::try_from(start).unwrap_or(usize::MAX))
        .take(usize::try_from(per_page).unwrap_or(usize::MAX))
        .map(render)
        .collect();
    PageResult {
        result_info: json!({
            "count": page_items.len(),
            "page": query.page,
            "per_page": per_page,
            "total_count": total,
            "total_pages": total_pages,
        }),
        items: page_items,
    }
}

/// A whole list on one page (what a create answers).
pub fn single_page(items: Vec<Value>) -> PageResult {
    let count = items.len();
    PageResult {
        items,
        result_info: json!({
            "count": count,
            "page": 1,
            "per_page": count,
            "total_count": count,
            "total_pages": 1,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Item(&'static str, u64);

    impl Listed for Item {
        fn name(&self) -> &str {
            self.0
        }
        fn created_seq(&self) -> u64 {
            self.1
        }
        fn modified_seq(&self) -> u64 {
            10 - self.1
        }
    }

    fn names(page: &PageResult) -> Vec<String> {
        page.items
            .iter()
            .map(|item| item.as_str().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn pagination_past_the_end_is_empty() {
        let items: Vec<Item> = (0..5).map(|n| Item("x", n)).collect();
        let query = ListQuery {
            page: 3,
            per_page: 2,
            ..ListQuery::default()
        };
        let page = page_of(items.iter().collect(), &query, |item| json!(item.1));
        assert_eq!(page.items, vec![json!(4)]);
        assert_eq!(page.result_info["total_pages"], 3);
        assert_eq!(page.result_info["total_count"], 5);
        assert_eq!(page.result_info["count"], 1);
        let past = ListQuery { page: 9, ..query };
        assert!(
            page_of(items.iter().collect(), &past, |_| json!(0))
                .items
                .is_empty()
        );
    }

    #[test]
    fn orders_break_ties_by_creation_and_fields_a_kind_lacks_keep_creation_order() {
        let items = [Item("b", 1), Item("a", 2), Item("b", 0)];
        let query = |order: &str| ListQuery {
            page: 1,
            per_page: 10,
            order: Some(order.to_owned()),
            descending: false,
            ..ListQuery::default()
        };
        let render = |item: &Item| json!(format!("{}{}", item.0, item.1));
        assert_eq!(
            names(&page_of(items.iter().collect(), &query("name"), render)),
            ["a2", "b0", "b1"]
        );
        assert_eq!(
            names(&page_of(items.iter().collect(), &query("comment"), render)),
            ["b0", "b1", "a2"]
        );
        assert_eq!(
            names(&page_of(items.iter().collect(), &query("modified"), render)),
            ["a2", "b1", "b0"]
        );
    }
}
