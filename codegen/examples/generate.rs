//! Prints the files generated from a spec: `cargo run -p cloudflare-secrets-codegen --example generate -- SPEC [OUT_DIR]`.
//! With `OUT_DIR`, writes them there instead (relative paths as the generator returns them).

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(spec_path) = args.next() else {
        eprintln!("usage: generate SPEC [OUT_DIR]");
        return ExitCode::from(2);
    };
    let out_dir = args.next();
    let spec_text = match std::fs::read_to_string(&spec_path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("cannot read {spec_path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let files = match cloudflare_secrets_codegen::generate(&spec_text) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    for file in files {
        match &out_dir {
            Some(dir) => {
                let path = std::path::Path::new(dir).join(&file.path);
                if let Some(parent) = path.parent()
                    && let Err(error) = std::fs::create_dir_all(parent)
                {
                    eprintln!("cannot create {}: {error}", parent.display());
                    return ExitCode::FAILURE;
                }
                if let Err(error) = std::fs::write(&path, &file.contents) {
                    eprintln!("cannot write {}: {error}", path.display());
                    return ExitCode::FAILURE;
                }
            }
            None => println!("==> {} <==\n{}", file.path, file.contents),
        }
    }
    ExitCode::SUCCESS
}
