//! The words and patterns of each display language (SPEC §4 "Display", §6
//! `language`). Everything about a language is in its [`LangTable`]; to add a
//! language, add a table and list it in [`LANGUAGES`].
//!
//! The styles follow the CLDR long date formats of each language, with the
//! same structure everywhere: `{day}{day_month}{month}{month_year}{year}`,
//! a time after `, ` as `22:30 (UTC+3)`, intervals with an en dash that
//! share the trailing year (and month) as CLDR interval formats do.
//!
//! | form | en | fr | de | es | ru | uk |
//! |---|---|---|---|---|---|---|
//! | day | 12 July 2023 | 12 juillet 2023 (1er juillet) | 12. Juli 2023 | 12 de julio de 2023 | 12 июля 2023 г. | 12 липня 2023 р. |
//! | month | July 2023 | juillet 2023 | Juli 2023 | julio de 2023 | июль 2023 г. | липень 2023 р. |
//! | year | 2023 | 2023 | 2023 | 2023 | 2023 г. | 2023 р. |
//! | years | 2022–2023 | 2022–2023 | 2022–2023 | 2022–2023 | 2022–2023 гг. | 2022–2023 рр. |
//! | BCE | 44 BCE | 44 av. J.-C. | 44 v. Chr. | 44 a. C. | 44 г. до н. э. | 44 р. до н. е. |
//! | CE | 14 CE | 14 apr. J.-C. | 14 n. Chr. | 14 d. C. | 14 г. н. э. | 14 р. н. е. |
//! | decade | 2020s | années 2020 | 2020er | años 2020 | 2020-е | 2020-ті |
//! | circa | c. July 2023 | vers juillet 2023, vers le 12 juillet | ca. Juli 2023, um die 2020er | c. julio de 2023, hacia los años 2020 | ок. июля 2023 г. | бл. липня 2023 р. |
//! | uncertain | (uncertain) | (incertain) | (unsicher) | (incierto) | (предположительно) | (імовірно) |
//! | since | since July 2023 | à partir de juillet 2023, à partir du 12 juillet | ab Juli 2023, ab den 2020ern | desde julio de 2023, desde el 12 de julio | с июля 2023 г., со 2 июля | з липня 2023 р. |
//! | until | until 14 July 2023 | jusqu'au 14 juillet, jusqu'en juillet 2023 | bis 14. Juli 2023, bis in die 2020er | hasta el 14 de julio, hasta julio de 2023 | до 14 июля 2023 г. | до 14 липня 2023 р. |
//!
//! Choices:
//! * Month names are lower case except in German. Russian and Ukrainian use
//!   the genitive after a day (`12 июля`) and after every prefix (`ок.`, `с`,
//!   `до` all govern the genitive: `с июля 2023 г.`, `с 2020-х`), the
//!   nominative alone (`июль 2023 г.`, also in headings and month ranges:
//!   `июль–август 2023 г.`).
//! * Russian and Ukrainian mark years with `г.`/`р.`, plural `гг.`/`рр.` after
//!   a range of years (`2022–2023 гг.`, `44–41 гг. до н. э.`).
//! * French writes the first of a month `1er`; the prefixes take the article
//!   a day needs (`vers le`, `à partir du`, `jusqu'au`) and the preposition a
//!   month or year needs (`jusqu'en juillet 2023`); Spanish likewise
//!   (`desde el 12 de julio`, `hasta julio`).
//! * An approximate open end uses a combined prefix (`since c.`, `à partir des
//!   environs de`, `ab ca.`, `desde alrededor de`, `примерно с`, `приблизно
//!   з`), because stacking two prefixes is wrong in most languages.
//! * Intervals always use an en dash (CLDR style: `10.–14. Juli 2023`,
//!   `10–14 de julio de 2023`) rather than `du … au …` / `vom … bis …`.

use super::long::{self, LongWords};

/// What comes before a point: the approximate prefix, the open-interval
/// prefixes. Which word is used depends on the form of the date after it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Prefix {
    /// Before a day or a date-time (`jusqu'au `).
    pub(super) day: &'static str,
    /// Before a month (`jusqu'en `).
    pub(super) month: &'static str,
    /// Before a year or a span of years (`jusqu'en `).
    pub(super) year: &'static str,
    /// Before a decade (`jusqu'aux `).
    pub(super) decade: &'static str,
    /// The decade after this prefix, `{y}` the first year; `None`: the
    /// table's `decade_after_prefix`.
    pub(super) decade_form: Option<&'static str>,
    /// Day numbers that need another word (`со 2 июля`).
    pub(super) day_overrides: &'static [(u8, &'static str)],
    /// Before a season (`ab dem `); `None`: the `month` word.
    pub(super) season: Option<&'static str>,
    /// Before a century or millennium (`from the `); `None`: the `year` word.
    pub(super) century: Option<&'static str>,
    /// Seasons (21–24) that need another word (`jusqu'au ` printemps but
    /// `jusqu'à l'`été).
    pub(super) season_overrides: &'static [(u8, &'static str)],
}

impl Prefix {
    /// The same word before every form.
    const fn uniform(word: &'static str) -> Prefix {
        Prefix::new(word, word, word, word)
    }

    const fn new(
        day: &'static str,
        month: &'static str,
        year: &'static str,
        decade: &'static str,
    ) -> Prefix {
        Prefix {
            day,
            month,
            year,
            decade,
            decade_form: None,
            day_overrides: &[],
            season: None,
            season_overrides: &[],
            century: None,
        }
    }

    const fn century(self, word: &'static str) -> Prefix {
        Prefix {
            century: Some(word),
            ..self
        }
    }

    const fn season(self, word: &'static str, overrides: &'static [(u8, &'static str)]) -> Prefix {
        Prefix {
            season: Some(word),
            season_overrides: overrides,
            ..self
        }
    }

    const fn decade_form(self, form: &'static str) -> Prefix {
        Prefix {
            decade_form: Some(form),
            ..self
        }
    }

    const fn day_overrides(self, overrides: &'static [(u8, &'static str)]) -> Prefix {
        Prefix {
            day_overrides: overrides,
            ..self
        }
    }
}

/// Text after a year number, for one year and for the end of a range.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct YearMark {
    pub(super) one: &'static str,
    pub(super) many: &'static str,
}

/// The words of one language.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct LangTable {
    /// Primary language subtag, lower case.
    pub(super) code: &'static str,
    /// The twelve month names alone (`July 2023`, headings), space-separated.
    pub(super) months: &'static str,
    /// The twelve month names after a day number (genitive in ru/uk).
    pub(super) months_after_day: &'static str,
    /// CLDR's abbreviated month names, alone (axis labels: `Jul 2023`) and
    /// after a day (`12 Jul`; `12 мая`, `12. März`).
    pub(super) months_short: &'static str,
    pub(super) months_short_after_day: &'static str,
    /// Whether a month after a prefix takes `months_after_day` (ru/uk).
    pub(super) prefix_governs_month: bool,
    /// The day number after which a month follows: `1er` and `.` in `12.`.
    pub(super) first_day: &'static str,
    pub(super) day_suffix: &'static str,
    /// Between day and month (` de `), month and year (` de `), date and time.
    pub(super) day_month: &'static str,
    pub(super) month_year: &'static str,
    pub(super) date_time: &'static str,
    /// After the number of a year: positive years, years <= 0, and positive
    /// years in a span that starts before year 1.
    pub(super) year: YearMark,
    pub(super) bce: YearMark,
    pub(super) ce: YearMark,
    /// A decade, `{y}` its first year (`{y}s`), alone and after a prefix.
    pub(super) decade: &'static str,
    pub(super) decade_after_prefix: &'static str,
    /// The four seasons, spring to winter, space-separated: alone and after a
    /// prefix (genitive in ru/uk).
    pub(super) seasons: &'static str,
    pub(super) seasons_after_prefix: &'static str,
    /// A century and a millennium, alone and after a prefix (genitive in
    /// ru/uk). `{th}` is the English ordinal (`17th`), `{e}` the French one
    /// (`XVIIe`, `Ier`), `{n}` the number, `{R}` it in Roman numerals.
    pub(super) century: &'static str,
    pub(super) century_after_prefix: &'static str,
    pub(super) millennium: &'static str,
    pub(super) millennium_after_prefix: &'static str,
    /// The era after a century or millennium before year 1 (` BCE`).
    pub(super) era_bce: &'static str,
    /// `XXXX`: alone, and as an open interval's start or end (`from an
    /// unknown year`); it never takes `c.`, an unknown year is not
    /// approximately anything.
    pub(super) unknown_year: &'static str,
    pub(super) from_unknown_year: &'static str,
    pub(super) until_unknown_year: &'static str,
    /// Whether a winter's second year is cut to two digits (`2001–02`).
    pub(super) winter_short: bool,
    /// Approximate: `c. `.
    pub(super) circa: Prefix,
    /// Suffix of an uncertain date.
    pub(super) uncertain: &'static str,
    /// Open end (`since `: the span goes on), open start (`until `), and
    /// each when the point is also approximate (`since c. `).
    pub(super) from: Prefix,
    pub(super) until: Prefix,
    pub(super) from_circa: Prefix,
    pub(super) until_circa: Prefix,
    /// Long years: digit grouping, "years ago" (`long.rs`).
    pub(super) long: &'static LongWords,
}

pub(super) static EN: LangTable = LangTable {
    code: "en",
    months: "January February March April May June July August September October November December",
    months_after_day:
        "January February March April May June July August September October November December",
    months_short: "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    months_short_after_day: "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    prefix_governs_month: false,
    first_day: "1",
    day_suffix: "",
    day_month: " ",
    month_year: " ",
    date_time: ", ",
    year: YearMark { one: "", many: "" },
    bce: YearMark {
        one: " BCE",
        many: " BCE",
    },
    ce: YearMark {
        one: " CE",
        many: " CE",
    },
    decade: "{y}s",
    decade_after_prefix: "{y}s",
    seasons: "spring summer autumn winter",
    seasons_after_prefix: "spring summer autumn winter",
    winter_short: true,
    century: "{th} century",
    century_after_prefix: "{th} century",
    millennium: "{th} millennium",
    millennium_after_prefix: "{th} millennium",
    era_bce: " BCE",
    unknown_year: "unknown year",
    from_unknown_year: "since an unknown year",
    until_unknown_year: "until an unknown year",
    circa: Prefix::uniform("c. "),
    uncertain: " (uncertain)",
    from: Prefix::uniform("since ").century("since the "),
    until: Prefix::uniform("until ").century("until the "),
    from_circa: Prefix::uniform("since c. ").century("since about the "),
    until_circa: Prefix::uniform("until c. ").century("until about the "),
    long: &long::EN,
};

static FR: LangTable = LangTable {
    code: "fr",
    months: "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    months_after_day:
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    months_short: "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    months_short_after_day: "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    prefix_governs_month: false,
    first_day: "1er",
    day_suffix: "",
    day_month: " ",
    month_year: " ",
    date_time: ", ",
    year: YearMark { one: "", many: "" },
    bce: YearMark {
        one: " av. J.-C.",
        many: " av. J.-C.",
    },
    ce: YearMark {
        one: " apr. J.-C.",
        many: " apr. J.-C.",
    },
    decade: "années {y}",
    decade_after_prefix: "années {y}",
    seasons: "printemps été automne hiver",
    seasons_after_prefix: "printemps été automne hiver",
    winter_short: false,
    century: "{e} siècle",
    century_after_prefix: "{e} siècle",
    millennium: "{e} millénaire",
    millennium_after_prefix: "{e} millénaire",
    era_bce: " av. J.-C.",
    unknown_year: "année inconnue",
    from_unknown_year: "à partir d'une année inconnue",
    until_unknown_year: "jusqu'à une année inconnue",
    circa: Prefix::new("vers le ", "vers ", "vers ", "vers les ")
        .season("vers l'", &[(21, "vers le ")])
        .century("vers le "),
    uncertain: " (incertain)",
    from: Prefix::new(
        "à partir du ",
        "à partir de ",
        "à partir de ",
        "à partir des ",
    )
    .season("à partir de l'", &[(21, "à partir du ")])
    .century("à partir du "),
    until: Prefix::new("jusqu'au ", "jusqu'en ", "jusqu'en ", "jusqu'aux ")
        .season("jusqu'à l'", &[(21, "jusqu'au ")])
        .century("jusqu'au "),
    from_circa: Prefix::new(
        "à partir des environs du ",
        "à partir des environs de ",
        "à partir des environs de ",
        "à partir des environs des ",
    )
    .season(
        "à partir des environs de l'",
        &[(21, "à partir des environs du ")],
    )
    .century("à partir des environs du "),
    until_circa: Prefix::new(
        "jusqu'aux environs du ",
        "jusqu'aux environs de ",
        "jusqu'aux environs de ",
        "jusqu'aux environs des ",
    )
    .season(
        "jusqu'aux environs de l'",
        &[(21, "jusqu'aux environs du ")],
    )
    .century("jusqu'aux environs du "),
    long: &long::FR,
};

static DE: LangTable = LangTable {
    code: "de",
    months: "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    months_after_day:
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    months_short: "Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez",
    months_short_after_day: "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.",
    prefix_governs_month: false,
    first_day: "1",
    day_suffix: ".",
    day_month: " ",
    month_year: " ",
    date_time: ", ",
    year: YearMark { one: "", many: "" },
    bce: YearMark {
        one: " v. Chr.",
        many: " v. Chr.",
    },
    ce: YearMark {
        one: " n. Chr.",
        many: " n. Chr.",
    },
    decade: "{y}er",
    decade_after_prefix: "{y}er",
    seasons: "Frühling Sommer Herbst Winter",
    seasons_after_prefix: "Frühling Sommer Herbst Winter",
    winter_short: false,
    century: "{n}. Jahrhundert",
    century_after_prefix: "{n}. Jahrhundert",
    millennium: "{n}. Jahrtausend",
    millennium_after_prefix: "{n}. Jahrtausend",
    era_bce: " v. Chr.",
    unknown_year: "unbekanntes Jahr",
    from_unknown_year: "ab einem unbekannten Jahr",
    until_unknown_year: "bis zu einem unbekannten Jahr",
    circa: Prefix::new("ca. ", "ca. ", "ca. ", "um die ").century("um das "),
    uncertain: " (unsicher)",
    from: Prefix::new("ab ", "ab ", "ab ", "ab den ")
        .decade_form("{y}ern")
        .season("ab dem ", &[])
        .century("ab dem "),
    until: Prefix::new("bis ", "bis ", "bis ", "bis in die ")
        .season("bis zum ", &[])
        .century("bis zum "),
    from_circa: Prefix::new("ab ca. ", "ab ca. ", "ab ca. ", "etwa ab den ")
        .decade_form("{y}ern")
        .season("etwa ab dem ", &[])
        .century("etwa ab dem "),
    until_circa: Prefix::new("bis ca. ", "bis ca. ", "bis ca. ", "etwa bis in die ")
        .season("etwa bis zum ", &[])
        .century("etwa bis zum "),
    long: &long::DE,
};

static ES: LangTable = LangTable {
    code: "es",
    months:
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    months_after_day:
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    months_short: "ene feb mar abr may jun jul ago sept oct nov dic",
    months_short_after_day: "ene feb mar abr may jun jul ago sept oct nov dic",
    prefix_governs_month: false,
    first_day: "1",
    day_suffix: "",
    day_month: " de ",
    month_year: " de ",
    date_time: ", ",
    year: YearMark { one: "", many: "" },
    bce: YearMark {
        one: " a. C.",
        many: " a. C.",
    },
    ce: YearMark {
        one: " d. C.",
        many: " d. C.",
    },
    decade: "años {y}",
    decade_after_prefix: "años {y}",
    seasons: "primavera verano otoño invierno",
    seasons_after_prefix: "primavera verano otoño invierno",
    winter_short: false,
    century: "siglo {R}",
    century_after_prefix: "siglo {R}",
    millennium: "{R} milenio",
    millennium_after_prefix: "{R} milenio",
    era_bce: " a. C.",
    unknown_year: "año desconocido",
    from_unknown_year: "desde un año desconocido",
    until_unknown_year: "hasta un año desconocido",
    circa: Prefix::new("c. ", "c. ", "c. ", "hacia los ")
        .season("hacia el ", &[(21, "hacia la ")])
        .century("hacia el "),
    uncertain: " (incierto)",
    from: Prefix::new("desde el ", "desde ", "desde ", "desde los ")
        .season("desde el ", &[(21, "desde la ")])
        .century("desde el "),
    until: Prefix::new("hasta el ", "hasta ", "hasta ", "hasta los ")
        .season("hasta el ", &[(21, "hasta la ")])
        .century("hasta el "),
    from_circa: Prefix::new(
        "desde alrededor del ",
        "desde alrededor de ",
        "desde alrededor de ",
        "desde alrededor de los ",
    )
    // `alrededor de` + `el` would contract to `del`: a word that does not.
    .season(
        "desde aproximadamente el ",
        &[(21, "desde aproximadamente la ")],
    )
    .century("desde aproximadamente el "),
    until_circa: Prefix::new(
        "hasta alrededor del ",
        "hasta alrededor de ",
        "hasta alrededor de ",
        "hasta alrededor de los ",
    )
    .season(
        "hasta aproximadamente el ",
        &[(21, "hasta aproximadamente la ")],
    )
    .century("hasta aproximadamente el "),
    long: &long::ES,
};

static RU: LangTable = LangTable {
    code: "ru",
    months: "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    months_after_day:
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    months_short: "янв. февр. март апр. май июнь июль авг. сент. окт. нояб. дек.",
    months_short_after_day: "янв. февр. мар. апр. мая июн. июл. авг. сент. окт. нояб. дек.",
    prefix_governs_month: true,
    first_day: "1",
    day_suffix: "",
    day_month: " ",
    month_year: " ",
    date_time: ", ",
    year: YearMark {
        one: " г.",
        many: " гг.",
    },
    bce: YearMark {
        one: " г. до н. э.",
        many: " гг. до н. э.",
    },
    ce: YearMark {
        one: " г. н. э.",
        many: " гг. н. э.",
    },
    decade: "{y}-е",
    decade_after_prefix: "{y}-х",
    seasons: "весна лето осень зима",
    seasons_after_prefix: "весны лета осени зимы",
    winter_short: false,
    century: "{R} век",
    century_after_prefix: "{R} века",
    millennium: "{R} тысячелетие",
    millennium_after_prefix: "{R} тысячелетия",
    era_bce: " до н. э.",
    unknown_year: "год неизвестен",
    from_unknown_year: "с неизвестного года",
    until_unknown_year: "до неизвестного года",
    circa: Prefix::uniform("ок. "),
    uncertain: " (предположительно)",
    // `со второго`
    from: Prefix::uniform("с ").day_overrides(&[(2, "со ")]),
    until: Prefix::uniform("до "),
    from_circa: Prefix::uniform("примерно с ").day_overrides(&[(2, "примерно со ")]),
    until_circa: Prefix::uniform("примерно до "),
    long: &long::RU,
};

static UK: LangTable = LangTable {
    code: "uk",
    months: "січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень",
    months_after_day:
        "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    months_short: "січ. лют. бер. квіт. трав. черв. лип. серп. вер. жовт. лист. груд.",
    months_short_after_day: "січ. лют. бер. квіт. трав. черв. лип. серп. вер. жовт. лист. груд.",
    prefix_governs_month: true,
    first_day: "1",
    day_suffix: "",
    day_month: " ",
    month_year: " ",
    date_time: ", ",
    year: YearMark {
        one: " р.",
        many: " рр.",
    },
    bce: YearMark {
        one: " р. до н. е.",
        many: " рр. до н. е.",
    },
    ce: YearMark {
        one: " р. н. е.",
        many: " рр. н. е.",
    },
    decade: "{y}-ті",
    decade_after_prefix: "{y}-х",
    seasons: "весна літо осінь зима",
    seasons_after_prefix: "весни літа осені зими",
    winter_short: false,
    century: "{R} століття",
    century_after_prefix: "{R} століття",
    millennium: "{R} тисячоліття",
    millennium_after_prefix: "{R} тисячоліття",
    era_bce: " до н. е.",
    unknown_year: "рік невідомий",
    from_unknown_year: "з невідомого року",
    until_unknown_year: "до невідомого року",
    circa: Prefix::uniform("бл. "),
    uncertain: " (імовірно)",
    from: Prefix::uniform("з "),
    until: Prefix::uniform("до "),
    from_circa: Prefix::uniform("приблизно з "),
    until_circa: Prefix::uniform("приблизно до "),
    long: &long::UK,
};

/// Every language, English first (the default).
pub(super) static LANGUAGES: &[&LangTable] = &[&EN, &FR, &DE, &ES, &RU, &UK];

/// Month `month` (1–12, clamped) of a space-separated list of twelve names.
pub(super) fn nth_month(names: &'static str, month: u8) -> &'static str {
    let i = usize::from(month.clamp(1, 12) - 1);
    names.split(' ').nth(i).unwrap_or("")
}
