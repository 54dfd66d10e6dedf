//! `import genius|geniusweb` and `export genius` as library functions: text
//! in, text out.

mod support;

use accord::convert::{export_genius, import_genius, import_geniusweb, InputFile};
use support::repo;

fn input(rel: &str) -> InputFile {
    InputFile::read(&repo(&format!("crates/accord-io/tests/data/genius/{rel}"))).unwrap()
}

#[test]
fn genius_imports_export_and_import_again_to_the_same_scenario() {
    let domain = input("Laptop/laptop_domain.xml");
    let profiles = [
        input("Laptop/laptop_buyer_utility.xml"),
        input("Laptop/laptop_seller_utility.xml"),
    ];
    let a = import_genius(&domain, &profiles, 10).unwrap();
    assert_eq!((a.parties, a.issues), (2, 3));
    assert!(a.toml.starts_with("# Imported by accord"));
    let session = accord::Session::from_text(&a.toml, "laptop.toml", &[]).unwrap();

    let ex = export_genius(session.scenario()).unwrap();
    let names: Vec<&str> = ex.files.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names[0].ends_with("_domain.xml"), "{names:?}");
    assert!(names.contains(&"laptop_buyer_utility.xml"), "{names:?}");
    let file = |name: &str, text: &str| InputFile {
        name: name.into(),
        stem: name.trim_end_matches(".xml").into(),
        text: text.into(),
    };
    let back = import_genius(
        &file(names[0], &ex.files[0].1),
        &ex.files[1..]
            .iter()
            .map(|(n, t)| file(n, t))
            .collect::<Vec<_>>(),
        10,
    )
    .unwrap();
    assert_eq!(back.outcomes, a.outcomes);
}

#[test]
fn geniusweb_profiles_import() {
    let profiles = [
        input("FlightBooking-geniusweb/flightbooking1.json"),
        input("FlightBooking-geniusweb/flightbooking2.json"),
    ];
    let a = import_geniusweb(&profiles, 10).unwrap();
    assert_eq!(a.parties, 2);
    accord::Session::from_text(&a.toml, "flights.toml", &[]).unwrap();
}

#[test]
fn a_bad_profile_is_an_input_error() {
    let domain = input("Laptop/laptop_domain.xml");
    let bad = InputFile {
        name: "bad.xml".into(),
        stem: "bad".into(),
        text: "<nothing/>".into(),
    };
    assert!(import_genius(&domain, &[bad], 10).unwrap_err().is_input());
    assert!(InputFile::read(&repo("no/such/file.xml"))
        .unwrap_err()
        .is_input());
}
