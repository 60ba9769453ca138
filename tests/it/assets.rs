//! SPEC §2: files beside an event are copied next to its page.

use crate::support::*;

#[test]
fn bundles_copy_their_files_and_single_events_the_files_they_name() {
    let site = fixture("assets");
    let public = build(site.path(), &[]);
    assert!(public.join("events/bundle/photo.png").is_file());
    assert!(public.join("events/bundle/notes.txt").is_file());
    assert!(public.join("events/single/map.png").is_file());
    assert!(!public.join("events/single/unused.png").exists());
    let page = read(&public.join("events/bundle/index.html"));
    assert!(page.contains("<img src=\"/events/bundle/photo.png\" alt=\"A green square\""));
    assert!(page.contains("Annals test suite"));
    assert!(page.contains("The only picture"));
    assert!(page.contains("<meta property=\"og:image\" content=\"/events/bundle/photo.png\">"));
}
