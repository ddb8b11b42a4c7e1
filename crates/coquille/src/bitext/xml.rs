//! XLIFF 1.2, XLIFF 2.0 and TMX, read with `quick-xml` event by event,
//! keeping every event's byte position in the file.

use super::{Bitext, BitextError, BitextFormat, Segment, Unit};
use crate::span::Span;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One XML event with its bytes in the file.
struct Walker<'a> {
    file: &'a str,
    reader: Reader<&'a [u8]>,
    format: BitextFormat,
}

impl<'a> Walker<'a> {
    fn new(file: &'a str, format: BitextFormat) -> Self {
        let mut reader = Reader::from_str(file);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Walker {
            file,
            reader,
            format,
        }
    }

    /// The next event and its bytes in the file.
    fn next(&mut self) -> Result<(Event<'a>, Span), BitextError> {
        let start = self.reader.buffer_position() as usize;
        match self.reader.read_event() {
            Ok(e) => {
                let end = (self.reader.buffer_position() as usize).min(self.file.len());
                Ok((e, Span::new(start.min(end), end)))
            }
            Err(e) => Err(BitextError {
                format: self.format,
                offset: self.reader.error_position() as usize,
                message: format!("not well-formed XML: {e}"),
            }),
        }
    }
}

/// An attribute's value, entities decoded (by hand: the value is a slice of
/// the file).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        let local = key.rsplit(':').next().unwrap_or(key);
        (local == name || key == name).then(|| decode_entities(&a.value))
    })
}

fn local_name(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// `s` with XML entities and character references decoded.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        match tail.find(';').and_then(|e| Some((entity(&tail[..=e])?, e))) {
            Some((c, e)) => {
                out.push_str(&c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text an entity or character reference (`&amp;`, `&#233;`,
/// `&#xE9;`) stands for.
fn entity(raw: &str) -> Option<String> {
    let name = raw.strip_prefix('&')?.strip_suffix(';')?;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some(c.to_string())
}

/// Elements of XLIFF and TMX whose content is native code, not text.
fn native_code(name: &str) -> bool {
    matches!(name, "ph" | "bpt" | "ept" | "it" | "ut" | "sub")
}

/// Elements that only mark up the text (their content is text, the element
/// is not a code a translation must keep).
fn transparent(name: &str) -> bool {
    matches!(name, "mrk" | "sm" | "em" | "hi")
}

/// Collects the text of a `<source>`, `<target>` or `<seg>` element.
struct Collector {
    seg: Segment,
    /// Depth of nested elements inside the collected one.
    depth: usize,
    /// Depth at which a native-code element started, while inside it.
    skip_from: Option<usize>,
    /// Open paired codes, to close them with their key.
    open: Vec<String>,
}

impl Collector {
    fn new() -> Self {
        Collector {
            seg: Segment::default(),
            depth: 0,
            skip_from: None,
            open: Vec::new(),
        }
    }

    /// Feeds one event; returns true when the collected element ended.
    fn feed(&mut self, file: &str, event: &Event<'_>, span: Span) -> bool {
        match event {
            Event::Start(e) => {
                self.depth += 1;
                if self.skip_from.is_some() {
                    return false;
                }
                let name = local_name(e);
                let key = code_key(&name, e);
                if native_code(&name) {
                    self.seg.push_code(key);
                    self.skip_from = Some(self.depth);
                    self.open.push(String::new());
                } else if transparent(&name) {
                    self.open.push(String::new());
                } else {
                    self.seg.push_code(key.clone());
                    self.open.push(format!("/{key}"));
                }
            }
            Event::End(_) => {
                if self.depth == 0 {
                    return true;
                }
                if self.skip_from == Some(self.depth) {
                    self.skip_from = None;
                }
                self.depth -= 1;
                if self.skip_from.is_none()
                    && let Some(close) = self.open.pop()
                    && !close.is_empty()
                {
                    self.seg.push_code(close);
                }
            }
            Event::Empty(e) => {
                if self.skip_from.is_some() {
                    return false;
                }
                let name = local_name(e);
                if name == "cp" {
                    // XLIFF 2.0: a character XML cannot hold.
                    if let Some(c) = attr(e, "hex")
                        .and_then(|h| u32::from_str_radix(&h, 16).ok())
                        .and_then(char::from_u32)
                    {
                        self.seg.push_decoded(&c.to_string(), span);
                    }
                } else if !transparent(&name) {
                    self.seg.push_code(code_key(&name, e));
                }
            }
            Event::Text(_) if self.skip_from.is_none() => {
                self.seg.push_exact(&file[span.start..span.end], span.start);
            }
            Event::CData(_) if self.skip_from.is_none() => {
                let raw = &file[span.start..span.end];
                let inner = raw
                    .strip_prefix("<![CDATA[")
                    .and_then(|r| r.strip_suffix("]]>"))
                    .unwrap_or("");
                self.seg.push_exact(inner, span.start + "<![CDATA[".len());
            }
            Event::GeneralRef(_) if self.skip_from.is_none() => {
                let raw = &file[span.start..span.end];
                match entity(raw) {
                    Some(c) => self.seg.push_decoded(&c, span),
                    None => self.seg.push_exact(raw, span.start),
                }
            }
            _ => {}
        }
        false
    }
}

/// The key of an inline code: its name and id (`g#1`; an XLIFF 2.0 `<ec>`
/// takes its `startRef`, a TMX code its `i` or `x`).
fn code_key(name: &str, e: &BytesStart<'_>) -> String {
    let id = attr(e, "id")
        .or_else(|| attr(e, "startRef"))
        .or_else(|| attr(e, "rid"))
        .or_else(|| attr(e, "i"))
        .or_else(|| attr(e, "x"))
        .unwrap_or_default();
    format!("{name}#{id}")
}

/// Reads an XLIFF 1.2 or 2.0 file.
pub fn parse_xliff(file: &str) -> Result<Bitext, BitextError> {
    let mut w = Walker::new(file, BitextFormat::Xliff);
    let mut out = Bitext {
        format: BitextFormat::Xliff,
        version: None,
        source_lang: None,
        target_lang: None,
        units: Vec::new(),
    };
    let mut stack: Vec<String> = Vec::new();
    let mut collecting: Option<(bool, Collector)> = None; // (is target, collector)
    // The unit being read: id, segments (id, source, target, fuzzy).
    let mut unit_id: Option<String> = None;
    let mut segments: Vec<(Option<String>, Segment, Option<Segment>, bool)> = Vec::new();
    let mut segment_id: Option<String> = None;
    let mut source: Option<Segment> = None;
    let mut target: Option<Segment> = None;
    let mut fuzzy = false;
    let mut seen_root = false;
    loop {
        let (event, span) = w.next()?;
        if let Some((is_target, c)) = collecting.as_mut() {
            if c.feed(file, &event, span) {
                let seg = std::mem::take(&mut c.seg);
                if *is_target {
                    target = Some(seg);
                } else {
                    source = Some(seg);
                }
                collecting = None;
                stack.pop();
            }
            continue;
        }
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = local_name(e);
                let empty = matches!(event, Event::Empty(_));
                if !seen_root {
                    if name != "xliff" {
                        return Err(BitextError {
                            format: BitextFormat::Xliff,
                            offset: span.start,
                            message: format!("the root element is <{name}>, not <xliff>"),
                        });
                    }
                    seen_root = true;
                    out.version = attr(e, "version");
                    out.source_lang = attr(e, "srcLang");
                    out.target_lang = attr(e, "trgLang");
                }
                let parent = stack.last().map(String::as_str).unwrap_or("");
                match name.as_str() {
                    "file" => {
                        if let Some(l) = attr(e, "source-language") {
                            out.source_lang.get_or_insert(l);
                        }
                        if let Some(l) = attr(e, "target-language") {
                            out.target_lang.get_or_insert(l);
                        }
                    }
                    "trans-unit" | "unit" => {
                        unit_id = Some(
                            attr(e, "id").unwrap_or_else(|| format!("#{}", out.units.len() + 1)),
                        );
                        segments.clear();
                        source = None;
                        target = None;
                        fuzzy = false;
                        segment_id = None;
                    }
                    "segment" => {
                        segment_id = attr(e, "id");
                        source = None;
                        target = None;
                        fuzzy = attr(e, "state").is_some_and(|s| s == "initial");
                    }
                    "source" | "target" if matches!(parent, "trans-unit" | "segment") => {
                        if name == "target"
                            && attr(e, "state")
                                .is_some_and(|s| s.starts_with("needs-") || s == "new")
                        {
                            fuzzy = true;
                        }
                        if empty {
                            let seg = Segment::default();
                            if name == "target" {
                                target = Some(seg);
                            } else {
                                source = Some(seg);
                            }
                        } else {
                            collecting = Some((name == "target", Collector::new()));
                            stack.push(name);
                            continue;
                        }
                    }
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                match name.as_str() {
                    "segment" => {
                        if let Some(s) = source.take() {
                            segments.push((segment_id.take(), s, target.take(), fuzzy));
                        }
                        fuzzy = false;
                    }
                    "trans-unit" | "unit" => {
                        if let Some(s) = source.take() {
                            segments.push((None, s, target.take(), fuzzy));
                        }
                        let id = unit_id.take().unwrap_or_default();
                        let several = segments.len() > 1;
                        for (k, (sid, s, t, f)) in segments.drain(..).enumerate() {
                            let id = if several {
                                format!("{id}/{}", sid.unwrap_or_else(|| (k + 1).to_string()))
                            } else {
                                id.clone()
                            };
                            out.units.push(Unit {
                                id,
                                source: s,
                                target: t,
                                fuzzy: f,
                                flags: Vec::new(),
                            });
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(BitextError {
            format: BitextFormat::Xliff,
            offset: 0,
            message: "no <xliff> element".into(),
        });
    }
    Ok(out)
}

/// Reads a TMX file. The source of each unit is its variant in the
/// header's `srclang` (else the first variant); the target is the first
/// French variant (else the first other one).
pub fn parse_tmx(file: &str) -> Result<Bitext, BitextError> {
    let mut w = Walker::new(file, BitextFormat::Tmx);
    let mut out = Bitext {
        format: BitextFormat::Tmx,
        version: None,
        source_lang: None,
        target_lang: None,
        units: Vec::new(),
    };
    let mut stack: Vec<String> = Vec::new();
    let mut collecting: Option<Collector> = None;
    let mut tu_id: Option<String> = None;
    let mut tuv_lang: Option<String> = None;
    let mut variants: Vec<(String, Segment)> = Vec::new();
    let mut seen_root = false;
    loop {
        let (event, span) = w.next()?;
        if let Some(c) = collecting.as_mut() {
            if c.feed(file, &event, span) {
                let seg = std::mem::take(&mut c.seg);
                variants.push((tuv_lang.clone().unwrap_or_default(), seg));
                collecting = None;
                stack.pop();
            }
            continue;
        }
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = local_name(e);
                let empty = matches!(event, Event::Empty(_));
                if !seen_root {
                    if name != "tmx" {
                        return Err(BitextError {
                            format: BitextFormat::Tmx,
                            offset: span.start,
                            message: format!("the root element is <{name}>, not <tmx>"),
                        });
                    }
                    seen_root = true;
                    out.version = attr(e, "version");
                }
                match name.as_str() {
                    "header" => out.source_lang = attr(e, "srclang").filter(|l| l != "*all*"),
                    "tu" => {
                        tu_id = attr(e, "tuid");
                        variants.clear();
                    }
                    "tuv" => tuv_lang = attr(e, "lang"),
                    "seg" if !empty => {
                        collecting = Some(Collector::new());
                        stack.push(name);
                        continue;
                    }
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                if name == "tu" {
                    let id = tu_id
                        .take()
                        .unwrap_or_else(|| (out.units.len() + 1).to_string());
                    if let Some(unit) = tmx_unit(id, std::mem::take(&mut variants), &mut out) {
                        out.units.push(unit);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(BitextError {
            format: BitextFormat::Tmx,
            offset: 0,
            message: "no <tmx> element".into(),
        });
    }
    Ok(out)
}

fn lang_is(lang: &str, wanted: &str) -> bool {
    let l = lang.to_ascii_lowercase();
    let w = wanted.to_ascii_lowercase();
    l == w || l.starts_with(&format!("{w}-")) || l.starts_with(&format!("{w}_"))
}

fn tmx_unit(id: String, variants: Vec<(String, Segment)>, out: &mut Bitext) -> Option<Unit> {
    let src_lang = out.source_lang.clone();
    let src = variants
        .iter()
        .position(|(l, _)| {
            src_lang.as_deref().is_some_and(|s| {
                lang_is(l, s) || lang_is(l, s.split(['-', '_']).next().unwrap_or(s))
            })
        })
        .unwrap_or(0);
    let tgt = variants
        .iter()
        .enumerate()
        .position(|(k, (l, _))| k != src && lang_is(l, "fr"))
        .or_else(|| (0..variants.len()).find(|&k| k != src));
    let mut variants: Vec<Option<(String, Segment)>> = variants.into_iter().map(Some).collect();
    let (_, source) = variants.get_mut(src)?.take()?;
    let target = tgt.and_then(|k| variants.get_mut(k)?.take());
    if let Some((l, _)) = &target {
        out.target_lang.get_or_insert_with(|| l.clone());
    }
    Some(Unit {
        id,
        source,
        target: target.map(|(_, s)| s),
        fuzzy: false,
        flags: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(file: &str, seg: &Segment, span: Span) -> String {
        let f = seg.file_span(span);
        file[f.span.start..f.span.end].to_string()
    }

    #[test]
    fn xliff_1_2_units_with_entities_and_codes() {
        let file = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="en" target-language="fr" datatype="plaintext" original="app">
  <body>
   <trans-unit id="save">
    <source>Save &amp; close <g id="1">now</g><x id="2"/></source>
    <target state="translated">Enregistrer &amp; fermer <g id="1">maintenant</g><x id="2"/></target>
    <alt-trans><target>Not this one</target></alt-trans>
   </trans-unit>
   <group id="g"><trans-unit id="t2"><source>Hello <ph id="3">&lt;br/&gt;</ph>world</source><target state="needs-review-translation">Bonjour <ph id="3">&lt;br/&gt;</ph>monde</target></trans-unit></group>
  </body>
 </file>
</xliff>"#;
        let b = parse_xliff(file).unwrap();
        assert_eq!(b.version.as_deref(), Some("1.2"));
        assert_eq!(b.source_lang.as_deref(), Some("en"));
        assert_eq!(b.target_lang.as_deref(), Some("fr"));
        assert_eq!(b.units.len(), 2);
        let u = &b.units[0];
        assert_eq!(u.id, "save");
        let t = u.target.as_ref().unwrap();
        assert_eq!(t.text, "Enregistrer & fermer maintenant");
        assert_eq!(
            t.codes.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
            ["g#1", "/g#1", "x#2"]
        );
        assert_eq!(u.source.text, "Save & close now");
        // Every word maps to itself in the file; the ampersand to `&amp;`.
        for word in ["Enregistrer", "fermer", "maintenant", "&"] {
            let p = t.text.find(word).unwrap();
            let got = slice(file, t, Span::new(p, p + word.len()));
            let want = if word == "&" { "&amp;" } else { word };
            assert_eq!(got, want);
        }
        assert!(!u.fuzzy);
        let u = &b.units[1];
        assert_eq!(u.target.as_ref().unwrap().text, "Bonjour monde");
        assert_eq!(u.target.as_ref().unwrap().codes[0].key, "ph#3");
        assert!(u.fuzzy);
    }

    #[test]
    fn xliff_2_0_segments_and_code_points() {
        let file = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="fr-FR">
<file id="f1"><unit id="u1">
 <segment id="s1"><source>Click <pc id="1">here</pc>.</source><target>Cliquez <pc id="1">ici</pc>.</target></segment>
 <ignorable><source> </source></ignorable>
 <segment id="s2" state="translated"><source>Bell<cp hex="0007"/> {name}</source><target>Cloche<cp hex="0007"/> {name}</target></segment>
</unit>
<unit id="u2"><segment><source>Untranslated</source></segment></unit></file></xliff>"#;
        let b = parse_xliff(file).unwrap();
        assert_eq!(b.version.as_deref(), Some("2.0"));
        assert_eq!(b.source_lang.as_deref(), Some("en-US"));
        let ids: Vec<&str> = b.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["u1/s1", "u1/s2", "u2"]);
        let t = b.units[0].target.as_ref().unwrap();
        assert_eq!(t.text, "Cliquez ici.");
        assert_eq!(t.codes[0].key, "pc#1");
        assert_eq!(t.codes[0].at, "Cliquez ".len());
        let t = b.units[1].target.as_ref().unwrap();
        assert_eq!(t.text, "Cloche\u{7} {name}");
        let p = t.text.find('\u{7}').unwrap();
        assert_eq!(slice(file, t, Span::new(p, p + 1)), r#"<cp hex="0007"/>"#);
        assert!(b.units[2].target.is_none());
    }

    #[test]
    fn tmx_picks_the_source_and_the_french_variant() {
        let file = r#"<tmx version="1.4"><header srclang="en-US" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/>
<body><tu tuid="7"><tuv xml:lang="de-DE"><seg>Hallo</seg></tuv><tuv xml:lang="en-US"><seg>Hello <bpt i="1">&lt;b&gt;</bpt>world<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="fr-FR"><seg>Bonjour <bpt i="1">&lt;b&gt;</bpt>le monde<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu></body></tmx>"#;
        let b = parse_tmx(file).unwrap();
        assert_eq!(b.units.len(), 1);
        let u = &b.units[0];
        assert_eq!(u.id, "7");
        assert_eq!(u.source.text, "Hello world");
        let t = u.target.as_ref().unwrap();
        assert_eq!(t.text, "Bonjour le monde");
        assert_eq!(
            t.codes.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
            ["bpt#1", "ept#1"]
        );
        assert_eq!(b.target_lang.as_deref(), Some("fr-FR"));
    }

    #[test]
    fn broken_xml_is_an_error_with_an_offset() {
        let e = parse_xliff(
            "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</target>",
        )
        .unwrap_err();
        assert!(e.message.contains("XML"), "{e}");
        assert!(parse_xliff("<html></html>").is_err());
        assert!(parse_tmx("").is_err());
    }
}
