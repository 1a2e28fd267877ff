//! `jobs get` and `agents list`.

use llama_cloud::{Client, ListAgents};

pub async fn job(client: &Client, id: &str) -> Result<(), Box<dyn std::error::Error>> {
    let json = if id.starts_with("ext-") {
        serde_json::to_string_pretty(&client.extract().get(id.parse()?).await?)?
    } else {
        serde_json::to_string_pretty(&client.extraction().jobs().get(id.parse()?).await?)?
    };
    println!("{json}");
    Ok(())
}

pub async fn agents(client: &Client) -> Result<(), Box<dyn std::error::Error>> {
    let agents = client
        .extraction()
        .extraction_agents()
        .list(ListAgents::new())
        .await?;
    for agent in agents {
        println!("{}\t{}", agent.id, agent.name);
    }
    Ok(())
}
