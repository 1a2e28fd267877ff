//! The v1 flow (`client.extraction()`, `/api/v1/extraction`): an extraction
//! agent holds the schema and configuration, a job runs it on an uploaded
//! file, and the result is fetched apart.

use llama_cloud::{
    Client, CreateAgent, CreateJob, DataAs as _, DataSchema, ExtractConfigBuilder, ExtractJob,
    ExtractMode, FilePurpose, FileUpload, JobId, JobStatus, WaitOptions,
};
use llama_cloud_fake::FakeServer;

use crate::invoice::{self, Invoice};
use crate::progress::{Progress, ended_without_success};

/// Fetches a v1 job and prints it.
pub async fn show_job(
    client: &Client,
    job_id: JobId,
    json: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let job = client.extraction().jobs().get(job_id).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&job)?);
    } else {
        print_job(&job);
    }
    Ok(())
}

pub async fn extract(
    client: &Client,
    upload: FileUpload,
    fake: Option<&FakeServer>,
    json: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let schema = DataSchema::for_type::<Invoice>()?;
    let config = ExtractConfigBuilder::new()
        .extraction_mode(ExtractMode::Balanced)
        .build()?;
    let agent_name = format!("quickstart-invoice-{}", std::process::id());
    let agent = client
        .extraction()
        .extraction_agents()
        .create(CreateAgent::new(&agent_name, schema, config))
        .await?;
    eprintln!("created agent {} ({})", agent.name, agent.id);

    let file = client.files().upload(upload, FilePurpose::Extract).await?;
    eprintln!("uploaded {} ({})", file.name.as_str(), file.id);

    let jobs = client.extraction().jobs();
    let job = jobs
        .create(CreateJob::new(agent.id, file.id.into()))
        .await?;
    eprintln!("started job {}", job.id);
    if let Some(fake) = fake {
        fake.set_job_result(job.id.into(), invoice::sample())?;
    }

    let updates = jobs.watch(job.id, WaitOptions::default());
    let last = Progress::new()
        .follow(job, updates, |job| {
            (job.id.to_string(), job.status.to_string())
        })
        .await?;
    if !last.status.is_success() {
        return Err(ended_without_success(
            last.id,
            &last.status,
            last.error.as_deref(),
        ));
    }

    let result = jobs.result(last.id).await?;
    let invoice: Invoice = result.data_as()?;
    invoice::explain_if_empty(&invoice, file.name.as_str());
    if json {
        let output = serde_json::json!({"job": last, "invoice": invoice});
        println!("{}", serde_json::to_string_pretty(&output)?);
    } else {
        print_job(&last);
        println!();
        invoice::print(&invoice);
    }
    client
        .extraction()
        .extraction_agents()
        .delete(agent.id)
        .await?;
    Ok(())
}

fn print_job(job: &ExtractJob) {
    let agent = &job.extraction_agent;
    let config = &agent.config;
    let or_default = |value: Option<String>| value.unwrap_or_else(|| "(service default)".into());

    println!("job          {}", job.id);
    println!("status       {}", job.status);
    if let Some(error) = &job.error {
        println!("error        {error}");
    }
    println!("agent        {} ({})", agent.name, agent.id);
    println!(
        "extract      {}",
        or_default(config.extract_model.as_ref().map(|m| m.to_string()))
    );
    println!(
        "parse        {}",
        or_default(config.parse_model.as_ref().map(|m| m.to_string()))
    );
    println!("mode         {}", config.extraction_mode);
    println!("target       {}", config.extraction_target);
    match config.page_range.as_ref().map(|range| range.get()) {
        Some(Ok(range)) => println!("pages        {range} ({} pages)", range.page_count()),
        None => println!("pages        all"),
        Some(Err(error)) => println!("pages        not a valid page range: {error}"),
    }
    // `file` is deprecated in favour of `file_id`, but it is the only place
    // the job carries the file's name.
    #[allow(deprecated)]
    match (&job.file, job.file_id) {
        (Some(file), _) => {
            let size = file
                .file_size
                .map_or_else(|| "size unknown".into(), |n| format!("{n} bytes"));
            println!("file         {} ({}, {size})", file.name.as_str(), file.id);
        }
        (None, Some(id)) => println!("file         {id}"),
        (None, None) => println!("file         (none)"),
    }
    if job.status == JobStatus::Pending {
        println!("(still running: `jobs().wait(id)` waits for it)");
    }
}
