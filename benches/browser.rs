//! The browser's response to a key: a filter keystroke over 100,000 items, and the linked
//! narrowing when moving onto a person named in 1,000 articles. Each measured step is what a key
//! costs: the state update and the drawing of a 160x48 frame. See BENCHMARKS.md.
//!
//!     cargo bench --bench browser
//!
//! The models are synthetic (built directly, not extracted), so that they have exactly the sizes
//! the goals name.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dossier::calendar::PartialDate;
use dossier::corpus::{
    Article, ArticleDate, BlockKind, DateOrigin, Format, Origin, Paragraph, Sentence, TitleOrigin,
};
use dossier::extract::people::{Mention, Person};
use dossier::model::{Model, PersonEntry};
use dossier::text::Span;
use dossier::timeline::{Event as TimelineEvent, EventEvidence, EventOrigin};
use dossier::tui::app::{App, Options};
use dossier::tui::{translate, update::update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

fn names(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// A model with `people` people, `articles` articles and `events` events. The first two people
/// are named in every article; everyone else in one.
fn synthetic(people: usize, articles: usize, events: usize) -> Model {
    let first = names(include_str!("../assets/lexicon/first_names.txt"));
    let last = names(include_str!("../assets/lexicon/surnames.txt"));
    let name = |i: usize| {
        format!(
            "{} {}",
            first[(i * 7919) % first.len()],
            last[(i * 104_729) % last.len()]
        )
    };
    let day = |i: usize| {
        jiff::civil::Date::new(
            2015 + (i % 11) as i16,
            1 + (i % 12) as i8,
            1 + (i % 28) as i8,
        )
        .ok()
    };

    let mut model = Model::default();
    for a in 0..articles {
        let text = format!(
            "{} met {} and {} in the capital on Monday, officials said.",
            name(0),
            name(1),
            name(2 + a % people.max(3))
        );
        let sentence = Span::new(0, text.len());
        model.articles.push(Article {
            id: format!("a{a}"),
            file: format!("a{a}.txt"),
            format: Format::Text,
            origin: Origin::Memory(text.as_bytes().into()),
            title: format!("Talks in the capital, part {a}"),
            title_origin: TitleOrigin::Lede,
            source: Some("Example Wire".into()),
            byline: None,
            date: day(a).map(|date| ArticleDate {
                date,
                origin: DateOrigin::Dateline,
            }),
            copyright_year: None,
            paragraphs: vec![Paragraph {
                span: sentence,
                kind: BlockKind::Body,
            }],
            sentences: vec![Sentence::new(sentence, 0)],
            removed: Vec::new(),
            located: Default::default(),
            text,
        });
    }
    for p in 0..people {
        let in_articles: Vec<usize> = if p < 2 {
            (0..articles).collect()
        } else {
            vec![p % articles.max(1)]
        };
        let person = Person {
            name: name(p),
            aliases: Vec::new(),
            roles: vec![["foreign minister", "envoy", "spokeswoman", "general"][p % 4].into()],
            mentions: in_articles
                .iter()
                .map(|&a| Mention {
                    article: a,
                    sentence: 0,
                    span: Span::new(0, 1),
                })
                .collect(),
        };
        model.people.push(PersonEntry {
            id: format!("p{p}"),
            person,
            articles: in_articles,
        });
    }
    for e in 0..events {
        let date = PartialDate::day(
            2015 + (e % 11) as i32,
            1 + (e % 12) as i32,
            1 + (e % 28) as i32,
        )
        .expect("valid date");
        model.events.push(TimelineEvent {
            id: format!("e{e}"),
            date,
            title: format!("Meeting on the border question, round {e}"),
            place: Some("Geneva".into()),
            origin: EventOrigin::Discovered,
            people: vec![0, 1, 2 + e % people.max(3).saturating_sub(2).max(1)],
            articles: vec![e % articles.max(1)],
            evidence: vec![EventEvidence {
                article: e % articles.max(1),
                sentence: 0,
                date_span: None,
            }],
        });
    }
    model.events.sort_by_key(|e| e.date);
    model.dates = vec![Vec::new(); articles];
    model.article_people = vec![Vec::new(); articles];
    model.article_events = vec![Vec::new(); articles];
    model.person_events = vec![Vec::new(); people];
    for (p, entry) in model.people.iter().enumerate() {
        for &a in &entry.articles {
            model.article_people[a].push(p);
        }
    }
    for (e, event) in model.events.iter().enumerate() {
        for &a in &event.articles {
            model.article_events[a].push(e);
        }
        for &p in &event.people {
            if p < people {
                model.person_events[p].push(e);
            }
        }
    }
    model
}

fn press(app: &mut App, c: char) {
    let code = match c {
        '~' => KeyCode::Esc,
        '^' => KeyCode::Enter,
        c => KeyCode::Char(c),
    };
    if let Some(action) = translate(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE))) {
        update(app, action);
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
}

fn browser(c: &mut Criterion) {
    let options = Options {
        color: true,
        ascii: false,
        mouse: true,
    };
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal");

    // A filter keystroke over 100,000 people: each key of "kova" measured on its own.
    let mut app = App::new(
        synthetic(100_000, 1_000, 1_000),
        options,
        Rect::new(0, 0, WIDTH, HEIGHT),
    );
    press(&mut app, '2');
    let query = "kova";
    let mut group = c.benchmark_group("filter-keystroke/100000-people");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    for (position, key) in query.chars().enumerate() {
        group.bench_function(format!("key-{}-{key}", position + 1), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    press(&mut app, '/');
                    for earlier in query.chars().take(position) {
                        press(&mut app, earlier);
                    }
                    let start = Instant::now();
                    press(&mut app, key);
                    draw(&mut terminal, &app);
                    total += start.elapsed();
                    press(&mut app, '~');
                }
                total
            });
        });
    }
    group.finish();

    // Linked narrowing: moving between two people named in 1,000 articles each.
    let mut app = App::new(
        synthetic(2_000, 1_000, 5_000),
        options,
        Rect::new(0, 0, WIDTH, HEIGHT),
    );
    press(&mut app, '2');
    press(&mut app, 'g');
    let mut group = c.benchmark_group("linked-narrowing/person-in-1000-articles");
    group.sample_size(50);
    let mut down = true;
    group.bench_function("update", |b| {
        b.iter(|| {
            press(&mut app, if down { 'j' } else { 'k' });
            down = !down;
            black_box(app.lists[2].items.len())
        });
    });
    group.bench_function("update-and-draw", |b| {
        b.iter(|| {
            press(&mut app, if down { 'j' } else { 'k' });
            down = !down;
            draw(&mut terminal, &app);
        });
    });
    group.finish();
}

criterion_group!(benches, browser);
criterion_main!(benches);
