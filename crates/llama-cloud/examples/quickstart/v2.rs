//! The v2 flow (`client.extract()`, `/api/v2/extract`): one job reads the
//! uploaded file with the schema and carries its result.

use llama_cloud::{
    Client, CreateExtractJob, DataAs as _, DataSchema, ExtractJobId, ExtractV2Job, FilePurpose,
    FileUpload, WaitOptions,
};
use llama_cloud_fake::FakeServer;

use crate::invoice::{self, Invoice};
use crate::progress::{Progress, ended_without_success};

pub async fn extract(
    client: &Client,
    upload: FileUpload,
    fake: Option<&FakeServer>,
    json: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let file = client.files().upload(upload, FilePurpose::Extract).await?;
    eprintln!("uploaded {} ({})", file.name.as_str(), file.id);

    let schema = DataSchema::for_type::<Invoice>()?;
    let extract = client.extract();
    let job = extract
        .create(CreateExtractJob::new(file.id, schema).system_prompt("Amounts are as printed."))
        .await?;
    eprintln!("started job {}", job.id);
    if let Some(fake) = fake {
        fake.set_extract_result(*job.id.as_uuid(), invoice::sample())?;
    }

    // `extract.run(...)` creates and waits in one call; watching shows progress.
    let updates = extract.watch(job.id, WaitOptions::default());
    let last = Progress::new()
        .follow(job, updates, |job| {
            (job.id.to_string(), job.status.to_string())
        })
        .await?;
    if !last.status.is_success() {
        return Err(ended_without_success(
            last.id,
            &last.status,
            last.error_message.as_deref(),
        ));
    }

    let invoice: Invoice = last.data_as()?;
    invoice::explain_if_empty(&invoice, file.name.as_str());
    if json {
        let output = serde_json::json!({"job": last, "invoice": invoice});
        println!("{}", serde_json::to_string_pretty(&output)?);
    } else {
        print_job(&last);
        println!();
        invoice::print(&invoice);
    }
    Ok(())
}

/// Fetches a v2 job (with its configuration) and prints it.
pub async fn show_job(
    client: &Client,
    job_id: ExtractJobId,
    json: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    use llama_cloud::extract::Expand;

    let job = client
        .extract()
        .get_with(job_id, &[Expand::Configuration])
        .await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&job)?);
    } else {
        print_job(&job);
    }
    Ok(())
}

fn print_job(job: &ExtractV2Job) {
    println!("job          {}", job.id);
    println!("status       {}", job.status);
    if let Some(error) = &job.error_message {
        println!("error        {error}");
    }
    println!("input        {}", job.file_input);
    println!("project      {}", job.project_id);
    if let Some(id) = &job.configuration_id {
        println!("saved config {id}");
    }
    if let Some(config) = &job.configuration {
        println!("tier         {} ({})", config.tier, config.version);
        println!("target       {}", config.extraction_target);
        match config.target_pages.as_ref().map(|pages| pages.get()) {
            Some(Ok(pages)) => println!("pages        {pages}"),
            None => println!("pages        all"),
            Some(Err(error)) => println!("pages        not a valid page range: {error}"),
        }
    }
    if let Some(pages) = job
        .metadata
        .as_ref()
        .and_then(|m| m.usage.as_ref())
        .and_then(|usage| usage.num_pages_extracted)
    {
        println!("extracted    {pages} pages");
    }
    if !job.status.is_terminal() {
        println!("(still running: `extract().wait(id)` waits for it)");
    }
}
