//! Where each pane goes, as a pure function of the terminal's size and the focus.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

use super::action::Pane;

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width on, all four panes show at once.
pub const WIDE: u16 = 140;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListArea {
    /// The list with its items.
    Full(Rect),
    /// One line: its name and counts.
    Collapsed(Rect),
}

impl ListArea {
    pub fn rect(self) -> Rect {
        match self {
            ListArea::Full(r) | ListArea::Collapsed(r) => r,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Timeline, People, Articles.
    pub lists: [ListArea; 3],
    pub reader: Rect,
    pub status: Rect,
}

/// The panes' areas, or `None` when the terminal is too small to be useful.
///
/// Wide terminals show the three lists stacked on the left and the reader on the right. Narrower
/// ones show the current list beside the reader, the other two lists collapsed to one line each.
pub fn areas(area: Rect, current_list: Pane) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let left_width = if area.width >= WIDE {
        (area.width * 45 / 100).clamp(50, 80)
    } else {
        (area.width * 42 / 100).clamp(30, 56)
    };
    let [left, reader] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(20)]).areas(main);
    let lists = if area.width >= WIDE {
        let [t, p, a] = Layout::default()
            .direction(Direction::Vertical)
            .constraints([
                Constraint::Percentage(44),
                Constraint::Percentage(28),
                Constraint::Percentage(28),
            ])
            .areas(left);
        [ListArea::Full(t), ListArea::Full(p), ListArea::Full(a)]
    } else {
        let current = current_list.list_index().unwrap_or(0);
        let constraints: Vec<Constraint> = (0..3)
            .map(|i| {
                if i == current {
                    Constraint::Min(3)
                } else {
                    Constraint::Length(1)
                }
            })
            .collect();
        let rects = Layout::vertical(constraints).split(left);
        std::array::from_fn(|i| {
            if i == current {
                ListArea::Full(rects[i])
            } else {
                ListArea::Collapsed(rects[i])
            }
        })
    };
    Some(Areas {
        lists,
        reader,
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_every_list() {
        let a = areas(Rect::new(0, 0, 160, 48), Pane::People).unwrap();
        assert!(a.lists.iter().all(|l| matches!(l, ListArea::Full(_))));
        assert_eq!(a.status.height, 1);
        assert!(a.reader.width >= 80);
    }

    #[test]
    fn narrow_terminals_collapse_the_other_lists() {
        let a = areas(Rect::new(0, 0, 80, 24), Pane::Articles).unwrap();
        assert!(matches!(a.lists[2], ListArea::Full(_)));
        assert!(matches!(a.lists[0], ListArea::Collapsed(r) if r.height == 1));
        assert!(a.reader.width >= 40);
        let total: u16 = a.lists.iter().map(|l| l.rect().height).sum();
        assert_eq!(total, 23);
    }

    #[test]
    fn tiny_terminals_get_nothing() {
        assert_eq!(areas(Rect::new(0, 0, 59, 30), Pane::Timeline), None);
        assert_eq!(areas(Rect::new(0, 0, 100, 15), Pane::Timeline), None);
    }
}
