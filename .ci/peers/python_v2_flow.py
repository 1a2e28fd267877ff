"""The official Python client's v2 flow, against the fake (see .ci/official_python.sh).

Each step asserts what the client decoded, so a fake that answers something the
official client cannot read, or reads what it sends wrongly, fails here.
"""

import io

import llama_cloud
from llama_cloud import LlamaCloud

SCHEMA = {
    "type": "object",
    "properties": {
        "vendor": {"type": "string"},
        "total": {"type": "number"},
        "lines": {"type": "array", "items": {"type": "object"}},
    },
}


def main() -> None:
    # LLAMA_CLOUD_BASE_URL and LLAMA_CLOUD_API_KEY come from the environment.
    client = LlamaCloud(max_retries=0)

    uploaded = client.files.create(
        file=("invoice.pdf", io.BytesIO(b"%PDF-1.7 fake"), "application/pdf"),
        purpose="extract",
    )
    assert uploaded.id.startswith("dfl-"), uploaded.id
    assert uploaded.name == "invoice.pdf", uploaded.name

    job = client.extract.run(
        file_input=uploaded.id,
        configuration={"data_schema": SCHEMA, "extraction_target": "per_doc", "tier": "agentic"},
        polling_interval=0.1,
        max_interval=0.2,
        polling_timeout=30,
    )
    assert job.status == "COMPLETED", job.status
    assert job.id.startswith("ext-"), job.id
    assert job.file_input == uploaded.id, job.file_input
    assert job.extract_result == {"vendor": "", "total": 0, "lines": []}, job.extract_result

    got = client.extract.get(job.id, expand=["configuration", "extract_metadata"])
    assert got.id == job.id and got.status == "COMPLETED", got
    assert got.configuration is not None and got.configuration.tier == "agentic", got.configuration
    assert got.extract_metadata is not None, got

    more = [client.extract.create(file_input=uploaded.id, configuration={"data_schema": SCHEMA}) for _ in range(3)]
    listed = [item.id for item in client.extract.list(page_size=2)]
    expected = [created.id for created in reversed(more)] + [job.id]
    assert listed == expected, (listed, expected)
    completed = [item.id for item in client.extract.list(status="COMPLETED", file_input=uploaded.id)]
    assert job.id in completed, completed

    cancelled = client.extract.cancel(more[0].id)
    assert cancelled.status == "CANCELLED", cancelled.status
    try:
        client.extract.cancel(job.id)
    except llama_cloud.BadRequestError as error:
        assert "COMPLETED" in str(error), error
    else:
        raise AssertionError("cancelling a completed job must fail")

    client.extract.delete(more[1].id)
    try:
        client.extract.get(more[1].id)
    except llama_cloud.NotFoundError:
        pass
    else:
        raise AssertionError("a deleted job must be gone")

    validated = client.extract.validate_schema(data_schema=SCHEMA)
    assert validated.data_schema == SCHEMA, validated
    generated = client.extract.generate_schema(name="invoices", data_schema=SCHEMA)
    assert generated.name == "invoices", generated
    assert generated.parameters.product_type == "extract_v2", generated.parameters

    print(f"official llama-cloud {llama_cloud.__version__}: v2 flow passed ({len(listed)} jobs listed)")


if __name__ == "__main__":
    main()
