//! Which way each constraint of a field, parameter or identifier moved between two specs.

use crate::model::Constraints;

/// How a constraint moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Movement {
    /// Fewer values are accepted.
    Tightened,
    /// More values are accepted.
    Loosened,
    /// Neither is clear (a different pattern).
    Changed,
}

impl Movement {
    /// `tightened`, `loosened` or `changed`.
    pub fn word(self) -> &'static str {
        match self {
            Movement::Tightened => "tightened",
            Movement::Loosened => "loosened",
            Movement::Changed => "changed",
        }
    }
}

/// One constraint that differs: its spec keyword, old and new value, and which way it moved.
pub(super) struct ConstraintChange {
    pub keyword: &'static str,
    pub old: String,
    pub new: String,
    pub movement: Movement,
}

fn optional_number<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| value.to_string())
}

fn bound<T: PartialOrd + ToString + Copy>(
    keyword: &'static str,
    lower: bool,
    old: Option<T>,
    new: Option<T>,
    out: &mut Vec<ConstraintChange>,
) {
    let movement = match (old, new) {
        (None, None) => return,
        (None, Some(_)) => Movement::Tightened,
        (Some(_), None) => Movement::Loosened,
        (Some(old), Some(new)) if (new > old) == lower && new != old => Movement::Tightened,
        (Some(old), Some(new)) if new != old => Movement::Loosened,
        (Some(_), Some(_)) => return,
    };
    out.push(ConstraintChange {
        keyword,
        old: optional_number(old),
        new: optional_number(new),
        movement,
    });
}

/// Every constraint that differs between `old` and `new`, in a fixed order.
pub(super) fn constraint_changes(old: &Constraints, new: &Constraints) -> Vec<ConstraintChange> {
    let mut out = Vec::new();
    bound("minLength", true, old.min_length, new.min_length, &mut out);
    bound("maxLength", false, old.max_length, new.max_length, &mut out);
    bound(
        "x-sdk-max-bytes",
        false,
        old.max_bytes,
        new.max_bytes,
        &mut out,
    );
    bound("minimum", true, old.minimum, new.minimum, &mut out);
    bound("maximum", false, old.maximum, new.maximum, &mut out);
    bound("minItems", true, old.min_items, new.min_items, &mut out);
    bound("maxItems", false, old.max_items, new.max_items, &mut out);
    let movement = match (&old.pattern, &new.pattern) {
        (None, None) => None,
        (None, Some(_)) => Some(Movement::Tightened),
        (Some(_), None) => Some(Movement::Loosened),
        (Some(old), Some(new)) if old != new => Some(Movement::Changed),
        (Some(_), Some(_)) => None,
    };
    if let Some(movement) = movement {
        let show = |pattern: &Option<String>| {
            pattern
                .as_ref()
                .map_or_else(|| "none".to_owned(), |pattern| format!("`{pattern}`"))
        };
        out.push(ConstraintChange {
            keyword: "pattern",
            old: show(&old.pattern),
            new: show(&new.pattern),
            movement,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraint_bounds_move_the_right_way() {
        let old = Constraints {
            max_length: Some(64),
            min_length: Some(1),
            pattern: Some("^a$".to_owned()),
            minimum: Some(5.0),
            ..Constraints::default()
        };
        let new = Constraints {
            max_length: Some(32),
            min_length: None,
            pattern: Some("^b$".to_owned()),
            minimum: Some(2.0),
            maximum: Some(10.0),
            ..Constraints::default()
        };
        let changes = constraint_changes(&old, &new);
        let moved: Vec<(&str, Movement)> = changes
            .iter()
            .map(|change| (change.keyword, change.movement))
            .collect();
        assert_eq!(
            moved,
            vec![
                ("minLength", Movement::Loosened),
                ("maxLength", Movement::Tightened),
                ("minimum", Movement::Loosened),
                ("maximum", Movement::Tightened),
                ("pattern", Movement::Changed),
            ]
        );
        let back: Vec<Movement> = constraint_changes(&new, &old)
            .iter()
            .map(|change| change.movement)
            .collect();
        assert_eq!(
            back,
            vec![
                Movement::Tightened,
                Movement::Loosened,
                Movement::Tightened,
                Movement::Loosened,
                Movement::Changed
            ]
        );
        assert!(constraint_changes(&new, &new).is_empty());
    }
}
