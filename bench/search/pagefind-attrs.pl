#!/usr/bin/perl -pi
# Adds Pagefind's attributes to annals' event pages in place, as a theme that
# supported Pagefind would write them (the default theme has none): the article
# is the indexed body (so navigation, the embed box and list pages are left
# out), actor/theatre/tag/status chips become filters, the start date becomes
# a sort key and year/month filters (the only way to approximate a date range
# with Pagefind, which has no range filter), prev/next links are ignored.
#   find OUT/events -name index.html -print0 | xargs -0 perl -pi bench/search/pagefind-attrs.pl
s{<article class="event-page}{<article data-pagefind-body class="event-page};
s{<p class="event-date"><time datetime="((\d{4})(-\d\d)?[^"]*)"}{
  my ($dt, $y, $m) = ($1, $2, $3);
  my $month = defined $m ? qq{ data-pagefind-filter="month:$y$m"} : "";
  qq{<p class="event-date"$month><time data-pagefind-filter="year:$y" data-pagefind-sort="date:$dt" datetime="$dt"}
}e;
s{<a class="chip (actor|theatre|tag)"}{<a data-pagefind-filter="$1" class="chip $1"}g;
s{<span class="badge status-(\w+)">}{<span data-pagefind-filter="status" class="badge status-$1">}g;
s{<nav class="prev-next"}{<nav data-pagefind-ignore="all" class="prev-next"};
