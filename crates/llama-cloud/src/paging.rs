//! Listing as a stream over token-paged results, for every listing that
//! follows a `next_page_token`.

use std::future::Future;

use futures::{Stream, TryStreamExt as _, stream};

use crate::error::Error;

/// Every item of the pages `fetch` gives, a page fetched as the stream is
/// read: `fetch(None)` for the first page, then `fetch(Some(token))` with
/// each page's next-page token until a page has none. A page that hands
/// back the token it was fetched with ends the listing too, so a server
/// that repeats itself cannot keep the stream going forever. Dropping the
/// stream stops the fetching.
pub(crate) fn paged<T, F, Fut>(fetch: F) -> impl Stream<Item = Result<T, Error>> + Send
where
    T: Send,
    F: Fn(Option<String>) -> Fut + Send,
    Fut: Future<Output = Result<(Vec<T>, Option<String>), Error>> + Send,
{
    stream::try_unfold((fetch, Some(None::<String>)), |(fetch, token)| async move {
        let Some(token) = token else {
            return Ok::<_, Error>(None);
        };
        let (items, next) = fetch(token.clone()).await?;
        let next = next.filter(|next| token.as_ref() != Some(next)).map(Some);
        Ok(Some((
            stream::iter(items.into_iter().map(Ok)),
            (fetch, next),
        )))
    })
    .try_flatten()
}
