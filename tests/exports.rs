//! One returns sheet, as a Russian-locale spreadsheet saves it in every way a commission might: Windows-1251 CSV,
//! CSV UTF-8 with BOM, Excel's "Unicode text" (UTF-16), KOI8-R CSV, and the .xlsx, .xls and .ods workbooks. The
//! files were made by LibreOffice (`fixtures/exports/make.py`). Every one must give the same results.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn run(file: &str) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_akim-tally"))
        .env("LC_ALL", "C")
        .args(["tally", "--format", "json", "--rules", "plurality", "--roster", "fixtures/exports/roster"])
        .arg(format!("fixtures/exports/{file}"))
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .output()
        .expect("the binary runs");
    let json = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    (out.status.code().expect("exit code"), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn every_export_of_the_same_sheet_gives_identical_results() {
    let files = [
        ("returns-cp1251.csv", "windows-1251", Some(";")),
        ("returns-utf8-bom.csv", "utf-8-bom", Some(";")),
        ("returns-utf16.txt", "utf-16le", Some("tab")),
        ("returns-koi8r.csv", "koi8-r", Some(",")),
        ("returns.xlsx", "", None),
        ("returns.xls", "", None),
        ("returns.ods", "", None),
    ];
    let (_, reference, _) = run(files[0].0);
    for (file, encoding, delimiter) in files {
        let (code, got, stderr) = run(file);
        assert_eq!(code, 0, "{file}: every race decided, no errors\n{stderr}");
        assert_eq!(got["districts"], reference["districts"], "{file}: the same results");
        let input = &got["inputs"].as_array().unwrap().iter().find(|i| i["role"] == "returns").unwrap().clone();
        if encoding.is_empty() {
            assert!(input["encoding"].is_null() && input["sheet"] == "Лист1", "{file}: read as a workbook: {input}");
        } else {
            assert_eq!(input["encoding"], encoding, "{file}: the encoding is reported");
            assert!(stderr.contains(&format!("{encoding} (recognised)")), "{file}: and said on stderr: {stderr}");
        }
        assert_eq!(input["delimiter"].as_str(), delimiter, "{file}: the delimiter is reported");
        // The title row is reported, and the «Итого» row is checked (it agrees: no W103) and never counted.
        let codes: Vec<&str> =
            got["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["W101"], "{file}");
        assert!(stderr.contains("totals row at line 9 checked, not counted"), "{file}: {stderr}");
    }
    // The figures put into the sheet (make.py), summed by hand.
    let d = &reference["districts"];
    let votes = |i: usize| -> Vec<(String, u64)> {
        d[i]["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["candidate_id"].as_str().unwrap().to_string(), c["votes"].as_u64().unwrap()))
            .collect()
    };
    assert_eq!(votes(0), [("zhumabekov".into(), 1830), ("petrenko".into(), 1070), ("akhmetov".into(), 315)]);
    assert_eq!(votes(1), [("kuznetsova".into(), 1750), ("seitkaliyev".into(), 1707)]);
    assert_eq!((d[0]["voters_on_list"].as_u64(), d[1]["voters_on_list"].as_u64()), (Some(4660), Some(4970)));
    assert_eq!((d[0]["against_all"].as_u64(), d[1]["against_all"].as_u64()), (Some(65), Some(64)));
}
