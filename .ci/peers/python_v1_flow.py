"""The official Python client's v1 flow (llama-cloud 1.6, the last with
`client.extraction`), against the fake (see .ci/official_python.sh).

Each step asserts what the client decoded, so a fake that answers something the
official client cannot read, or reads what it sends wrongly, fails here.

One step differs from the client's own docs: a v1 job takes the file's UUID, and
`files.create` answers a v2 file id (`dfl-<uuid>`). The contract types v1's
`file_id` as a UUID, so the fake refuses the prefixed id (the step below checks
that refusal) and the flow passes the UUID after the prefix, as the Rust crate's
`FileId::from(FileV2Id)` does.
"""

import io
from typing import Callable

import llama_cloud
from llama_cloud import LlamaCloud

SCHEMA = {
    "type": "object",
    "properties": {
        "vendor": {"type": "string"},
        "total": {"type": "number"},
    },
}
CONFIG = {"extraction_mode": "BALANCED", "extraction_target": "PER_DOC"}


def assert_gone(what: str, get: Callable[[], object]) -> None:
    """`get` of something deleted must fail with the official NotFoundError."""
    try:
        get()
    except llama_cloud.NotFoundError:
        return
    raise AssertionError(f"a deleted {what} must be gone")


def main() -> None:
    # LLAMA_CLOUD_BASE_URL and LLAMA_CLOUD_API_KEY come from the environment.
    client = LlamaCloud(max_retries=0)
    extraction = client.extraction

    uploaded = client.files.create(
        file=("invoice.pdf", io.BytesIO(b"%PDF-1.7 fake"), "application/pdf"),
        purpose="extract",
    )
    assert uploaded.id.startswith("dfl-"), uploaded.id
    file_id = uploaded.id.removeprefix("dfl-")

    agent = extraction.extraction_agents.create(name="invoices-v1", data_schema=SCHEMA, config=CONFIG)
    assert agent.name == "invoices-v1", agent
    assert agent.data_schema == SCHEMA, agent.data_schema
    assert agent.config.extraction_mode == "BALANCED", agent.config
    assert agent.id in [listed.id for listed in extraction.extraction_agents.list()]
    assert extraction.extraction_agents.get(agent.id).id == agent.id

    renamed = {**SCHEMA, "required": ["vendor"]}
    updated = extraction.extraction_agents.update(agent.id, data_schema=renamed, config=CONFIG)
    assert updated.data_schema == renamed, updated.data_schema

    validated = extraction.extraction_agents.schema.validate_schema(data_schema=SCHEMA)
    assert validated.data_schema == SCHEMA, validated

    try:
        extraction.jobs.create(extraction_agent_id=agent.id, file_id=uploaded.id)
    except llama_cloud.UnprocessableEntityError:
        pass
    else:
        raise AssertionError("a v1 job must refuse a prefixed v2 file id, as the contract types it")

    job = extraction.jobs.create(extraction_agent_id=agent.id, file_id=file_id)
    assert job.status == "PENDING", job.status
    assert job.extraction_agent.id == agent.id, job.extraction_agent

    done = extraction.jobs.wait_for_completion(job.id, polling_interval=0.1, max_interval=0.2, timeout=30)
    assert done.status == "SUCCESS", done.status
    assert extraction.jobs.get(job.id).status == "SUCCESS"
    assert job.id in [listed.id for listed in extraction.jobs.list(extraction_agent_id=agent.id)]

    result = extraction.jobs.get_result(job.id)
    assert result.run_id, result
    assert isinstance(result.data, dict), result.data

    extracted = extraction.jobs.extract(
        extraction_agent_id=agent.id, file_id=file_id, polling_interval=0.1, max_interval=0.2, timeout=30
    )
    assert isinstance(extracted.data, dict), extracted

    run = extraction.runs.get_by_job(job.id)
    assert run.job_id == job.id, run
    assert extraction.runs.get(run.id).id == run.id
    runs = [listed.id for listed in extraction.runs.list(extraction_agent_id=agent.id)]
    assert run.id in runs, runs
    extraction.runs.delete(run.id)
    assert_gone("run", lambda: extraction.runs.get(run.id))

    stateless = extraction.run(config=CONFIG, data_schema=SCHEMA, text="Invoice from ACME, total 12.50")
    assert stateless.id and stateless.status in ("PENDING", "RUNNING", "SUCCESS"), stateless

    extraction.extraction_agents.delete(agent.id)
    assert_gone("agent", lambda: extraction.extraction_agents.get(agent.id))

    print(f"official llama-cloud {llama_cloud.__version__}: v1 flow passed ({len(runs)} runs listed)")


if __name__ == "__main__":
    main()
