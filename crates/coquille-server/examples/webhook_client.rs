//! Sends a file to `coquille serve` as a signed Standard Webhooks delivery and
//! prints the verdict.
//!
//! ```sh
//! export COQUILLE_WEBHOOK_SECRET=whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD
//! coquille serve &
//! cargo run --example webhook_client -- data/samples/allinfo-poutine-bielorussie.txt
//! ```
//!
//! The secret is read from `COQUILLE_WEBHOOK_SECRET` (the first one if there
//! are several), the address from `COQUILLE_ADDR` (default 127.0.0.1:8080).
//! The request is plain HTTP/1.1 over a `TcpStream`, to show every header.

use coquille_server::signature::{standard_key, standard_sign};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: webhook_client FILE")?;
    let secret = std::env::var("COQUILLE_WEBHOOK_SECRET")
        .map_err(|_| "set COQUILLE_WEBHOOK_SECRET to a whsec_... secret")?;
    let secret = secret.split_whitespace().next().unwrap_or_default();
    let key = standard_key(secret).ok_or("the secret is not whsec_<base64>")?;
    let addr = std::env::var("COQUILLE_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());

    // The payload: a Standard Webhooks envelope around a /v1/check request.
    let text = std::fs::read_to_string(&path)?;
    let body = serde_json::to_vec(&serde_json::json!({
        "type": "article.updated",
        "data": {
            "document_id": path,
            "fields": [{"name": "body", "format": "text", "content": text}],
        }
    }))?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let timestamp = i64::try_from(now)?;
    let id = format!("msg_{now}_{}", std::process::id());
    let signature = standard_sign(&key, &id, timestamp, &body);

    let mut stream = TcpStream::connect(&addr)?;
    write!(
        stream,
        "POST /v1/webhooks/standard HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nwebhook-id: {id}\r\nwebhook-timestamp: {timestamp}\r\n\
         webhook-signature: {signature}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let (head, payload) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    println!("{}", head.lines().next().unwrap_or(""));
    match serde_json::from_str::<serde_json::Value>(payload) {
        Ok(v) => println!(
            "verdict: {}, findings: {}",
            v["verdict"], v["summary"]["findings"]
        ),
        Err(_) => println!("{payload}"),
    }
    Ok(())
}
