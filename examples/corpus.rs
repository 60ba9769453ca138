//! A synthetic corpus for benchmarks and scale tests: N realistic events (actors,
//! theatres with a hierarchy, tags, statuses, sources, dates of every EDTF form
//! annals takes, Markdown bodies of 150–400 words), deterministic for a seed, as
//! an annals site and/or an equivalent Hugo site.
//!
//! ```sh
//! cargo run --release --example corpus -- --events 10000 --seed 1 --out /tmp/c10k
//! cargo run --release --example corpus -- --events 10000 --hugo /tmp/h10k
//! ```
//!
//! Every event is drawn from its own generator (seed, index), so events are
//! written in parallel and streamed: nothing but the cast of actors and theatres
//! is held in memory.

#[path = "corpus/event.rs"]
mod event;
#[path = "corpus/hugo.rs"]
mod hugo;
#[path = "corpus/rng.rs"]
mod rng;
#[path = "corpus/text.rs"]
mod text;
#[path = "corpus/words.rs"]
mod words;
#[path = "corpus/world.rs"]
mod world;

use clap::Parser;
use event::Event;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use world::World;

#[derive(Parser)]
#[command(about = "Writes a synthetic timeline as an annals site and/or a Hugo site")]
struct Args {
    /// Number of events.
    #[arg(long, default_value_t = 1000)]
    events: usize,
    /// Seed: the same seed gives byte-identical files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write an annals site here (annals.yaml and content/).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write the equivalent Hugo site here (hugo.toml, content/, layouts/).
    #[arg(long, value_name = "DIR")]
    hugo: Option<PathBuf>,
    /// Write Hugo's leanest equivalent site instead (no pagination, no partials,
    /// plain lists; RSS, the sitemap and robots.txt disabled in hugo.toml).
    #[arg(long)]
    hugo_lean: bool,
    /// Replace the content/ (and layouts/) a previous run left in DIR.
    #[arg(long)]
    force: bool,
    /// Writer threads (default: the number of CPUs). Does not change the output.
    #[arg(long)]
    threads: Option<usize>,
    /// Plant WORD (give one the generator never writes) in the body of one event,
    /// for search tests and benchmarks: that of `--rare-event`, by default the
    /// last event drawn in the latest year, so far down the timeline. Prints the
    /// event's file. Without this option the output is unchanged.
    #[arg(long, value_name = "WORD")]
    rare_word: Option<String>,
    /// The index (0..events) of the event `--rare-word` goes into.
    #[arg(long, value_name = "INDEX")]
    rare_event: Option<usize>,
}

fn main() {
    let args = Args::parse();
    if args.out.is_none() && args.hugo.is_none() {
        eprintln!("error: give --out DIR, --hugo DIR or both");
        std::process::exit(2);
    }
    let started = Instant::now();
    match run(&args) {
        Ok(stats) => {
            let secs = started.elapsed().as_secs_f64();
            let dirs: Vec<String> = [&args.out, &args.hugo]
                .into_iter()
                .flatten()
                .map(|d| d.display().to_string())
                .collect();
            println!(
                "wrote {} events, {} actors ({} with files), {} theatres to {} in {secs:.1} s ({:.0} MB)",
                args.events,
                stats.actors,
                stats.actor_files,
                stats.theatres,
                dirs.join(" and "),
                stats.bytes as f64 / 1e6
            );
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}

struct Stats {
    actors: usize,
    actor_files: usize,
    theatres: usize,
    bytes: u64,
}

/// Refuses to mix a new corpus into an old one, unless `--force`, which removes
/// only what this program writes.
fn prepare(dir: &Path, ours: &[&str], force: bool) -> io::Result<()> {
    for name in ours {
        let p = dir.join(name);
        if p.exists() {
            if !force {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} exists; pass --force to replace it", p.display()),
                ));
            }
            if p.is_dir() {
                std::fs::remove_dir_all(&p)?;
            } else {
                std::fs::remove_file(&p)?;
            }
        }
    }
    std::fs::create_dir_all(dir)
}

fn run(args: &Args) -> io::Result<Stats> {
    let world = World::new(args.seed, args.events);
    let title = format!(
        "Synthetic timeline (seed {}, {} events)",
        args.seed, args.events
    );
    let bytes = AtomicU64::new(0);
    let write = |path: &Path, text: &str| -> io::Result<()> {
        bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
        std::fs::write(path, text)
    };
    let mut buf = String::new();

    if let Some(dir) = &args.out {
        prepare(dir, &["annals.yaml", "content"], args.force)?;
        write(
            &dir.join("annals.yaml"),
            &format!(
                "title: \"{title}\"\ndescription: \"A generated timeline of invented events, for tests and benchmarks.\"\npaginate_by: 100\n"
            ),
        )?;
        let events = dir.join("content/events");
        for y in event::FIRST_YEAR..=event::LAST_YEAR {
            std::fs::create_dir_all(events.join(y.to_string()))?;
        }
        let actors = dir.join("content/actors");
        std::fs::create_dir_all(&actors)?;
        for a in world.actors.iter().filter(|a| a.has_file) {
            world::actor_file(&world, a, &mut buf);
            write(&actors.join(format!("{}.md", a.slug)), &buf)?;
        }
        let theatres = dir.join("content/theatres");
        std::fs::create_dir_all(&theatres)?;
        for t in &world.theatres {
            world::theatre_file(&world, t, &mut buf);
            write(&theatres.join(format!("{}.md", t.slug)), &buf)?;
        }
    }

    if let Some(dir) = &args.hugo {
        prepare(dir, &["hugo.toml", "content", "layouts"], args.force)?;
        write(
            &dir.join("hugo.toml"),
            &hugo::config(&title, args.hugo_lean),
        )?;
        for (path, text) in hugo::layouts(args.hugo_lean) {
            let p = dir.join("layouts").join(path);
            std::fs::create_dir_all(p.parent().expect("a folder"))?;
            write(&p, text)?;
        }
        std::fs::create_dir_all(dir.join("content/events"))?;
        // Descriptions of actors and theatres become their term pages' content.
        for a in world.actors.iter().filter(|a| a.has_file) {
            let d = dir.join("content/actors").join(&a.slug);
            std::fs::create_dir_all(&d)?;
            buf.clear();
            buf.push_str("---\ntitle: ");
            text::yaml_str(&mut buf, &a.name);
            buf.push_str("\n---\n");
            world::actor_description(&world, a, &mut buf);
            write(&d.join("_index.md"), &buf)?;
        }
        for t in &world.theatres {
            let d = dir.join("content/theatres").join(&t.slug);
            std::fs::create_dir_all(&d)?;
            buf.clear();
            buf.push_str("---\ntitle: ");
            text::yaml_str(&mut buf, &t.name);
            buf.push_str("\n---\n");
            world::theatre_description(&world, t, &mut buf);
            write(&d.join("_index.md"), &buf)?;
        }
    }

    let threads = args
        .threads
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .max(1);
    // Each thread owns whole year folders: file systems serialise creations in one
    // folder, and on ext4 several threads creating files side by side in the same
    // folders spend most of their time waiting on each other in the kernel.
    let rare = args.rare_word.as_deref().map(|word| {
        let index = args.rare_event.unwrap_or_else(|| {
            (0..args.events)
                .rev()
                .find(|&i| event::start_year(args.seed, i) == event::LAST_YEAR)
                .unwrap_or(args.events.saturating_sub(1))
        });
        (word, index)
    });
    let (world, write, rare) = (&world, &write, &rare);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || -> io::Result<()> {
                    let (mut body, mut file) = (String::new(), String::new());
                    for i in 0..args.events {
                        let year = event::start_year(args.seed, i);
                        if (year - event::FIRST_YEAR) as usize % threads != t {
                            continue;
                        }
                        let (ev, mut rng) = Event::generate(world, args.seed, i);
                        ev.body(world, &mut rng, &mut body);
                        let planted = matches!(rare, Some((_, r)) if *r == i);
                        if let (true, Some((word, _))) = (planted, rare) {
                            body.push_str(&format!(
                                "\nAnalysts later traced the name {word} to this event.\n"
                            ));
                        }
                        if let Some(dir) = &args.out {
                            ev.annals_file(&body, &mut file);
                            let path = dir.join(format!("content/events/{year}/{}.md", ev.slug));
                            write(&path, &file)?;
                            if planted {
                                println!("planted {} in {}", rare.unwrap().0, path.display());
                            }
                        }
                        if let Some(dir) = &args.hugo {
                            ev.hugo_file(world, &body, &mut file);
                            let path = dir.join(format!("content/events/{}.md", ev.slug));
                            write(&path, &file)?;
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a writer thread panicked"))
            .collect::<io::Result<Vec<()>>>()
    })?;

    Ok(Stats {
        actors: world.actors.len(),
        actor_files: world.actors.iter().filter(|a| a.has_file).count(),
        theatres: world.theatres.len(),
        bytes: bytes.into_inner(),
    })
}
