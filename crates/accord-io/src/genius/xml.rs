//! A small XML element tree, read with quick-xml, with byte positions.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::source::FileText;
use crate::error::Error;

/// Deepest element nesting accepted in an XML file.
const MAX_DEPTH: usize = 256;

#[derive(Debug)]
pub(super) struct Elem {
    pub(super) name: String,
    pub(super) attrs: Vec<(String, String)>,
    pub(super) children: Vec<Elem>,
    pub(super) text: String,
    /// Byte offset of the element's `<`.
    pub(super) pos: usize,
}

impl Elem {
    pub(super) fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn children_named<'e>(
        &'e self,
        name: &'e str,
    ) -> impl Iterator<Item = &'e Elem> + 'e {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub(super) fn child(&self, name: &str) -> Option<&Elem> {
        self.children.iter().find(|c| c.name == name)
    }
}

fn make_elem(src: &FileText, e: &BytesStart, pos: usize) -> Result<Elem, Error> {
    let name = e.name().as_ref().to_string();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| src.xml(pos, err.to_string()))?;
        let key = a.key.as_ref().to_string();
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| src.xml(pos, err.to_string()))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Elem {
        name,
        attrs,
        children: Vec::new(),
        text: String::new(),
        pos,
    })
}

pub(super) fn parse_xml(src: &FileText) -> Result<Elem, Error> {
    let mut reader = Reader::from_str(src.text);
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    fn attach(
        src: &FileText,
        stack: &mut [Elem],
        root: &mut Option<Elem>,
        el: Elem,
    ) -> Result<(), Error> {
        if let Some(top) = stack.last_mut() {
            top.children.push(el);
            Ok(())
        } else if root.is_some() {
            Err(src.xml(el.pos, format!("a second root element <{}>", el.name)))
        } else {
            *root = Some(el);
            Ok(())
        }
    }
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let epos = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                return Err(src.xml(epos, e.to_string()));
            }
        };
        match ev {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(src.xml(
                        pos,
                        format!("elements nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let el = make_elem(src, &e, pos)?;
                stack.push(el);
            }
            Event::Empty(e) => {
                let el = make_elem(src, &e, pos)?;
                attach(src, &mut stack, &mut root, el)?;
            }
            Event::End(_) => match stack.pop() {
                Some(el) => attach(src, &mut stack, &mut root, el)?,
                None => return Err(src.xml(pos, "an unmatched end tag".into())),
            },
            Event::Text(t) => {
                let content = t.xml10_content();
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&content);
                } else if !content.trim().is_empty() {
                    return Err(src.xml(pos, "text outside the root element".into()));
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => match resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        None => return Err(src.xml(pos, format!("unknown entity `&{};`", &*r))),
                    },
                    Err(e) => return Err(src.xml(pos, e.to_string())),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(src.xml(open.pos, format!("element <{}> is never closed", open.name)));
    }
    root.ok_or_else(|| src.xml(0, "no root element".into()))
}
