//! Command dispatch: arguments into a request, the report out.

use std::path::{Path, PathBuf};

use crate::args::{Cli, Command, Export, Import};
use crate::failure::Failure;
use crate::output::{
    context, emit, emit_with, layout, read_inputs, refuse_existing, stdout_write, write_atomic,
    write_files, write_import, OutFile,
};
use crate::progress::Progress;

/// `PARTY=VALUE` arguments (`--strategy`, `--drift`, …) as a request's map,
/// each value parsed by `parse` (given the party and the value).
fn party_values<T>(
    args: &[String],
    what: &str,
    parse: impl Fn(&str, &str) -> Result<T, Failure>,
) -> Result<accord::request::PartyMap<T>, Failure> {
    args.iter()
        .map(|a| {
            let (p, v) = a.split_once('=').ok_or_else(|| {
                Failure::Usage(
                    format!("`{a}` is not of the form PARTY=VALUE"),
                    Some(format!("write e.g. --{what} ukraine=...")),
                )
            })?;
            let (p, v) = (p.trim(), v.trim());
            Ok((p.to_string(), parse(p, v)?))
        })
        .collect()
}

/// `PARTY=X` arguments with numbers (the range is checked by the request;
/// it is named here for the message).
fn party_numbers(
    args: &[String],
    what: &str,
    lo: f64,
    hi: f64,
) -> Result<accord::request::PartyMap<f64>, Failure> {
    party_values(args, what, |p, v| {
        v.parse::<f64>().map_err(|_| {
            Failure::Usage(
                format!("--{what} {p}={v}: expected a number in [{lo}, {hi}]"),
                Some("e.g. --drift ukraine=-0.002 (per round), --discount russia=0.99".into()),
            )
        })
    })
}

/// Loads `file`, answers `request` and prints the report: the whole of
/// most commands.
fn answer(
    file: &Path,
    sets: &[String],
    request: &accord::Request,
    json: bool,
) -> Result<u8, Failure> {
    let session = accord::Session::load(file, sets)?;
    let report = session.run(request, &accord::observe::Silent)?;
    emit(&session, file, &report, json)?;
    Ok(0)
}

/// A part file of a sharded run, read whole (its errors located).
fn read_part<T>(
    path: &Path,
    from_json: impl Fn(&str, &str) -> Result<T, accord::Error>,
) -> Result<T, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure::Usage(
            format!("cannot read {}: {e}", path.display()),
            Some("give the part files that `accord … --shard K/N` wrote".into()),
        )
    })?;
    Ok(from_json(&text, &path.display().to_string())?)
}

/// A shard's part file: to `output` (whole or not at all), else stdout.
fn write_part(text: &str, output: Option<&Path>, inputs: &[&Path]) -> Result<u8, Failure> {
    match output {
        Some(p) => write_atomic(p, text.as_bytes(), true, inputs)?,
        None => stdout_write(text)?,
    }
    Ok(0)
}

/// Loads `file` and answers `request` with a progress bar (unless quiet).
fn answer_with_bar(
    file: &Path,
    sets: &[String],
    request: &accord::Request,
    quiet: bool,
) -> Result<(accord::Session, accord::Report), Failure> {
    let session = accord::Session::load(file, sets)?;
    let bar = Progress::bar(quiet);
    let report = session.run(request, &bar);
    bar.finish();
    Ok((session, report?))
}

/// Runs a parsed command; returns the exit code.
pub fn run(cli: Cli) -> Result<u8, Failure> {
    let quiet = cli.quiet;
    let sets = cli.set;
    match cli.command {
        Command::Check { file, json } => answer(&file, &sets, &accord::Request::Check, json),
        Command::Analyze {
            file,
            common,
            json,
            show,
            stats,
        } => {
            let session = accord::Session::load(&file, &sets)?;
            let request = accord::Request::Analyze {
                parties: common.parties,
                ties: common.ties,
                ratified: common.ratified,
            };
            let bar = Progress::steps(quiet, "analysing", "merge steps");
            let report = session.run(&request, &bar)?;
            bar.finish();
            match &report {
                accord::Report::Analyze(r) if !json => {
                    let source = file.display().to_string();
                    let cx = context(&session, &source);
                    let opts = accord::render::text::analyze::Options { show, stats };
                    stdout_write(&accord::render::text::analyze::render_with(r, &cx, &opts))?;
                }
                _ => emit(&session, &file, &report, json)?,
            }
            Ok(0)
        }
        Command::Frontier {
            file,
            common,
            csv,
            json,
            svg,
            x,
            y,
            show,
        } => {
            let session = accord::Session::load(&file, &sets)?;
            // Resolve the chart's parties before the (possibly long) analysis.
            let axes = match &svg {
                Some(_) => Some(accord::render::svg::frontier::Axes::choose(
                    session.scenario(),
                    x.as_deref(),
                    y.as_deref(),
                )?),
                None => None,
            };
            let request = accord::Request::Frontier {
                parties: common.parties,
                ties: common.ties,
                ratified: common.ratified,
            };
            let bar = Progress::steps(quiet, "merging the Pareto frontier", "merge steps");
            let report = session.run(&request, &bar)?;
            bar.finish();
            let accord::Report::Frontier(r) = &report else {
                unreachable!("a frontier request answers with a frontier report")
            };
            if let (Some(path), Some(axes)) = (&svg, &axes) {
                let text = accord::render::svg::frontier::render(r, axes)?;
                write_atomic(path, text.as_bytes(), true, &[&file])?;
            }
            let source = file.display().to_string();
            let cx = context(&session, &source);
            if csv {
                stdout_write(&accord::render::csv::frontier::render(r, &cx))?;
            } else if json {
                emit(&session, &file, &report, true)?;
            } else {
                stdout_write(&accord::render::text::frontier::render_with(r, &cx, show))?;
                if let Some(p) = &svg {
                    stdout_write(&format!("chart written to {}\n", p.display()))?;
                }
            }
            Ok(0)
        }
        Command::Evaluate {
            file,
            deal,
            change,
            json,
            check,
        } => {
            let session = accord::Session::load(&file, &sets)?;
            let report = session.run(
                &accord::Request::Evaluate { deal, change },
                &accord::observe::Silent,
            )?;
            emit(&session, &file, &report, json)?;
            let in_zopa = matches!(&report, accord::Report::Evaluate(r) if r.evaluation.in_zopa);
            Ok(if check && !in_zopa { 1 } else { 0 })
        }
        Command::Leverage {
            file,
            ratified,
            json,
        } => answer(&file, &sets, &accord::Request::Leverage { ratified }, json),
        Command::Mediate {
            file,
            press,
            satisfy,
            maximize,
            curve,
            deal,
            change,
            limit,
            ratified,
            json,
        } => {
            let request = accord::Request::Mediate {
                press,
                satisfy,
                maximize,
                curve,
                deal,
                change,
                limit,
                ratified,
            };
            answer(&file, &sets, &request, json)
        }
        Command::Sweep {
            file,
            vary,
            command,
            press,
            satisfy,
            maximize,
            ratified,
            json,
            csv,
            svg,
            shard,
            output,
            merge,
        } => {
            let bar = crate::progress::Progress::bar(quiet);
            // A merged sweep: the parts carry the scenario and the question.
            let (session, source, report) = if !merge.is_empty() {
                let parts = merge
                    .iter()
                    .map(|p| read_part(p, accord::shard::SweepPart::from_json))
                    .collect::<Result<Vec<_>, _>>()?;
                bar.finish();
                accord::shard::sweep_merge(parts)?
            } else {
                let file = file.expect("clap requires FILE without --merge");
                let request = accord::Request::Sweep {
                    vary,
                    question: command,
                    press,
                    satisfy,
                    maximize,
                    ratified,
                };
                let source = file.display().to_string();
                if let Some(shard) = shard {
                    let shard = accord::shard::Shard::parse(&shard)?;
                    let editable = accord::Editable::load(&file)?;
                    let part = accord::shard::sweep_shard(
                        &editable, &source, &sets, &request, shard, &bar,
                    );
                    bar.finish();
                    return write_part(&part?.to_json()?, output.as_deref(), &[&file]);
                }
                let session = accord::Session::load(&file, &sets)?;
                let report = session.run(&request, &bar);
                bar.finish();
                (session, source, report?)
            };
            let accord::Report::Sweep(r) = &report else {
                unreachable!("sweep answers with a sweep")
            };
            let inputs: Vec<&Path> = merge.iter().map(PathBuf::as_path).collect();
            if let Some(path) = &svg {
                let text = accord::render::svg::sweep::render(r)?;
                write_atomic(path, text.as_bytes(), true, &inputs)?;
            }
            if csv {
                stdout_write(&accord::render::csv::sweep::render(r))?;
            } else {
                emit(&session, Path::new(&source), &report, json)?;
            }
            if let (Some(p), false, false) = (&svg, json, csv) {
                stdout_write(&format!("chart written to {}\n", p.display()))?;
            }
            Ok(0)
        }
        Command::Robust {
            file,
            samples,
            seed,
            pool,
            ratified,
            deal,
            svg,
            ignore_observations,
            shard,
            output,
            merge,
            json,
        } => {
            let bar = crate::progress::Progress::bar(quiet);
            // A merged run: the parts carry the scenario and the question.
            let (session, source, report) = if !merge.is_empty() {
                let parts = merge
                    .iter()
                    .map(|p| read_part(p, accord::shard::RobustPart::from_json))
                    .collect::<Result<Vec<_>, _>>()?;
                let merged = accord::shard::robust_merge(parts, &bar);
                bar.finish();
                merged?
            } else {
                let file = file.expect("clap requires FILE without --merge");
                let request = accord::Request::Robust {
                    samples,
                    seed,
                    pool,
                    ratified,
                    deal,
                    ignore_observations,
                };
                let source = file.display().to_string();
                if let Some(shard) = shard {
                    let shard = accord::shard::Shard::parse(&shard)?;
                    let editable = accord::Editable::load(&file)?;
                    let part = accord::shard::robust_shard(
                        &editable, &source, &sets, &request, shard, &bar,
                    );
                    bar.finish();
                    return write_part(&part?.to_json()?, output.as_deref(), &[&file]);
                }
                let session = accord::Session::load(&file, &sets)?;
                let report = session.run(&request, &bar);
                bar.finish();
                (session, source, report?)
            };
            let inputs: Vec<&Path> = merge.iter().map(PathBuf::as_path).collect();
            if let (Some(path), accord::Report::Robust(r)) = (&svg, &report) {
                let cx = context(&session, &source);
                let text = accord::render::tornado::svg(r, &cx)?;
                write_atomic(path, text.as_bytes(), true, &inputs)?;
            }
            emit(&session, Path::new(&source), &report, json)?;
            if let (Some(p), false) = (&svg, json) {
                stdout_write(&format!("chart written to {}\n", p.display()))?;
            }
            Ok(0)
        }
        Command::Simulate {
            file,
            protocol,
            strategies,
            parties,
            rounds,
            drift,
            discount,
            opponent_model,
            seed,
            deal,
            change,
            show,
            svg,
            json,
        } => {
            let session = accord::Session::load(&file, &sets)?;
            let request = accord::Request::Simulate {
                protocol,
                strategies: party_values(&strategies, "strategy", |_, v| Ok(v.to_string()))?,
                parties,
                rounds,
                drift: party_numbers(&drift, "drift", -1.0, 1.0)?,
                discount: party_numbers(&discount, "discount", 0.0, 1.0)?,
                opponent_model,
                seed,
                deal,
                change,
            };
            let report = session.run(&request, &accord::observe::Silent)?;
            let accord::Report::Simulate(r) = &report else {
                unreachable!("simulate answers with a simulation")
            };
            let source = file.display().to_string();
            let cx = context(&session, &source);
            if let Some(path) = &svg {
                let text = accord::render::svg::simulate::render(r, &cx)?;
                write_atomic(path, text.as_bytes(), true, &[&file])?;
            }
            emit_with(&report, json, || {
                let mut text = accord::render::text::simulate::render_with(r, &cx, show);
                if let Some(p) = &svg {
                    text.push_str(&format!("chart written to {}\n", p.display()));
                }
                text
            })?;
            Ok(0)
        }
        Command::Tournament {
            files,
            strategies,
            protocol,
            rounds,
            seeds,
            seed,
            opponent_model,
            json,
            csv,
            shard,
            output,
            merge,
        } => {
            let request = accord::TournamentRequest {
                strategies,
                protocol,
                rounds,
                seeds,
                seed,
                opponent_model,
            };
            let bar = crate::progress::Progress::bar(quiet);
            let report = if !merge.is_empty() {
                let parts = merge
                    .iter()
                    .map(|p| read_part(p, accord::shard::TournamentPart::from_json))
                    .collect::<Result<Vec<_>, _>>()?;
                bar.finish();
                accord::shard::tournament_merge(parts)?
            } else if let Some(shard) = shard {
                let shard = accord::shard::Shard::parse(&shard)?;
                let editables = files
                    .iter()
                    .map(|f| Ok((accord::Editable::load(f)?, f.display().to_string())))
                    .collect::<Result<Vec<_>, accord::Error>>()?;
                let part =
                    accord::shard::tournament_shard(&editables, &sets, &request, shard, &bar);
                bar.finish();
                let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
                return write_part(&part?.to_json()?, output.as_deref(), &inputs);
            } else {
                let mut scenarios = Vec::new();
                for f in &files {
                    scenarios.push((f.display().to_string(), accord::Session::load(f, &sets)?));
                }
                let report = accord::tournament(&scenarios, &request, &bar);
                bar.finish();
                report?
            };
            let accord::Report::Tournament(r) = &report else {
                unreachable!("a tournament answers with a tournament report")
            };
            if csv {
                stdout_write(&accord::render::csv::tournament::render(r))?;
            } else {
                emit_with(&report, json, || {
                    accord::render::text::tournament::render(r, layout())
                })?;
            }
            Ok(0)
        }
        Command::Compare { files, json } => {
            let mut scenarios = Vec::new();
            for f in &files {
                scenarios.push((f.display().to_string(), accord::Session::load(f, &sets)?));
            }
            let bar = Progress::steps(quiet, "analysing", "merge steps");
            let report = accord::compare(&scenarios, &accord::CompareRequest::default(), &bar);
            bar.finish();
            let report = report?;
            let accord::Report::Compare(r) = &report else {
                unreachable!("a comparison answers with a comparison report")
            };
            emit_with(&report, json, || {
                accord::render::text::compare::render(r, layout())
            })?;
            Ok(0)
        }
        Command::Forecast {
            file,
            model,
            rounds,
            reading,
            q,
            pce,
            validate,
            outcomes,
            all,
            svg,
            json,
        } => {
            if let (Some(a), Some(o)) = (&validate, &outcomes) {
                if !sets.is_empty() {
                    return Err(Failure::Usage(
                        "--set applies to scenario files only; --validate reads actor files".into(),
                        None,
                    ));
                }
                let request = accord::ValidateRequest {
                    model,
                    all,
                    rounds,
                    reading,
                    q,
                    pce,
                };
                let report = accord::validate(a, o, &request)?;
                let accord::Report::Validation(r) = &report else {
                    unreachable!("a validation answers with a validation report")
                };
                emit_with(&report, json, || {
                    accord::render::text::validation::render(r, layout())
                })?;
                return Ok(0);
            }
            let path = file.ok_or_else(|| {
                Failure::Usage(
                    "forecast needs FILE (or --validate A --outcomes O)".into(),
                    Some("e.g. accord forecast actors.csv".into()),
                )
            })?;
            let input = accord::ForecastInput::load(&path, &sets)?;
            let request = accord::ForecastRequest {
                model,
                rounds,
                reading,
                q,
                pce,
            };
            let report = accord::forecast(&input, &request)?;
            let accord::Report::Forecast(r) = &report else {
                unreachable!("a forecast answers with a forecast report")
            };
            if let Some(p) = &svg {
                let text = accord::render::svg::forecast::render(r)?;
                write_atomic(p, text.as_bytes(), true, &[&path])?;
            }
            emit_with(&report, json, || {
                let mut text = accord::render::text::forecast::render(r, layout());
                if let Some(p) = &svg {
                    text.push_str(&format!("chart written to {}\n", p.display()));
                }
                text
            })?;
            Ok(0)
        }
        Command::Repair {
            file,
            deal,
            change,
            limit,
            ratified,
            json,
        } => {
            let request = accord::Request::Repair {
                deal,
                change,
                limit,
                ratified,
            };
            answer(&file, &sets, &request, json)
        }
        Command::Calibrate {
            file,
            samples,
            seed,
            json,
        } => {
            let request = accord::Request::Calibrate { samples, seed };
            let (session, report) = answer_with_bar(&file, &sets, &request, quiet)?;
            emit(&session, &file, &report, json)?;
            Ok(0)
        }
        Command::Report {
            file,
            output,
            format,
            samples,
            seed,
            json,
        } => {
            let request = accord::Request::Report { samples, seed };
            let (session, report) = answer_with_bar(&file, &sets, &request, quiet)?;
            let accord::Report::Briefing(b) = &report else {
                unreachable!("a report request answers with a briefing")
            };
            let markdown = match format.as_deref() {
                Some(f) => f == "md",
                None => output
                    .as_ref()
                    .and_then(|p| p.extension())
                    .is_some_and(|e| e.eq_ignore_ascii_case("md")),
            };
            let source = file.display().to_string();
            let cx = context(&session, &source);
            let text = if json {
                accord::render::json_string(&report)?
            } else if markdown {
                accord::render::text::briefing::render(b, &cx)?
            } else {
                accord::render::html::briefing(b, &cx)?
            };
            match &output {
                Some(path) => {
                    write_atomic(path, text.as_bytes(), true, &[&file])?;
                    if !quiet {
                        say!("briefing written to {}", path.display());
                    }
                }
                None => stdout_write(&text)?,
            }
            Ok(0)
        }
        Command::Serve {
            file,
            host,
            port,
            allow_host,
            timeout,
            max_requests,
            max_seconds,
        } => {
            if !sets.is_empty() {
                return Err(Failure::Usage(
                    "--set applies to commands that answer one question; the workbench's sliders set values".into(),
                    Some("start `accord serve FILE` and move the sliders (each shows its --set)".into()),
                ));
            }
            let scenario = match &file {
                Some(f) => accord::Editable::load(f)?,
                None => accord_web::bundled_example()?,
            };
            let mut config = accord_web::Config::local(port, scenario);
            config.host = host;
            config.allowed_hosts = allow_host;
            config.limits.seconds = timeout;
            config.max_requests = max_requests;
            config.max_duration = max_seconds.map(std::time::Duration::from_secs);
            if !host.is_loopback() {
                say!("warning: binding {host}: other machines that reach this address can use the server (it has no login)");
            }
            let server = accord_web::Server::bind(config).map_err(|e| {
                Failure::Usage(
                    format!("cannot listen on {host}:{port}: {e}"),
                    Some("choose another --port (0 picks a free one)".into()),
                )
            })?;
            stdout_write(&format!(
                "accord workbench at {}  (Ctrl-C stops it)\n",
                server.url()
            ))?;
            server
                .run()
                .map_err(|e| Failure::Usage(format!("the server stopped: {e}"), None))?;
            Ok(0)
        }
        Command::Import(_) if !sets.is_empty() => Err(Failure::Usage(
            "--set applies to commands that read a scenario; import writes one".into(),
            Some("import first, then pass --set to the command that reads the scenario".into()),
        )),
        Command::Import(Import::Genius {
            domain,
            profiles,
            out,
        }) => {
            refuse_existing(&out.output, out.force)?;
            let inputs: Vec<&std::path::Path> = std::iter::once(domain.as_path())
                .chain(profiles.iter().map(PathBuf::as_path))
                .collect();
            let profile_files = read_inputs(&profiles)?;
            let domain_file = accord::convert::InputFile::read(&domain)?;
            let imported = accord::convert::import_genius(
                &domain_file,
                &profile_files,
                out.real_steps as usize,
            )?;
            write_import(&out, &imported, &inputs)
        }
        Command::Import(Import::Geniusweb { profiles, out }) => {
            refuse_existing(&out.output, out.force)?;
            let inputs: Vec<&std::path::Path> = profiles.iter().map(PathBuf::as_path).collect();
            let profile_files = read_inputs(&profiles)?;
            let imported =
                accord::convert::import_geniusweb(&profile_files, out.real_steps as usize)?;
            write_import(&out, &imported, &inputs)
        }
        Command::Export(Export::Genius {
            file,
            output,
            force,
        }) => {
            let session = accord::Session::load(&file, &sets)?;
            let ex = accord::convert::export_genius(session.scenario())?;
            let files: Vec<OutFile> = ex
                .files
                .iter()
                .map(|(name, text)| OutFile {
                    path: output.join(name),
                    contents: text.as_bytes(),
                })
                .collect();
            if !output.is_dir() {
                std::fs::create_dir_all(&output).map_err(|e| {
                    Failure::Write(format!("cannot create {}: {e}", output.display()))
                })?;
            }
            write_files(&files, force, &[&file])?;
            for w in &ex.warnings {
                say!("warning: {w}");
            }
            say!("wrote {} files to {}", files.len(), output.display());
            Ok(0)
        }
    }
}
