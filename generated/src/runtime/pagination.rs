//! Lazy pagination: [`paginate`] turns a "fetch page N" function into a [`PageStream`] of items,
//! which is walked with its own `next().await` or gathered with `collect_all()`, and is a
//! `futures` `Stream` as well.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::envelope::{Page, info_says_last};
use super::error::Result;

/// The items of every page of a list, fetched one page at a time as they are asked for.
///
/// Walk it with its own `next()` (no other crate needed), gather it with `collect_all()`, or use
/// it as a [`futures_core::Stream`] (`StreamExt`, `TryStreamExt` and friends work on it):
///
/// ```no_run
/// # async fn run(client: cloudflare_secrets::Client, store: cloudflare_secrets::StoreId) -> cloudflare_secrets::Result<()> {
/// let account = "023e105f4ecef8ad9ca31a8372d0c353";
/// let mut secrets = client.secrets_store().stores().secrets().list(account, &store).stream();
/// while let Some(secret) = secrets.next().await {
///     println!("{}", secret?.name);
/// }
/// let all = client.secrets_store().stores().secrets().list(account, &store).stream().collect_all().await?;
/// # let _ = all; Ok(()) }
/// ```
///
/// An error ends the stream: `next()` returns it once, then `None`.
pub struct PageStream<T> {
    items: Pin<Box<dyn Stream<Item = Result<T>> + Send>>,
}

impl<T> PageStream<T> {
    /// The next item, fetching the next page first when this one is used up; `None` after the
    /// last item (or after an error).
    pub async fn next(&mut self) -> Option<Result<T>> {
        std::future::poll_fn(|context| self.items.as_mut().poll_next(context)).await
    }

    /// Every remaining item of every page, in order, or the first error.
    pub async fn collect_all(mut self) -> Result<Vec<T>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

impl<T> Stream for PageStream<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        self.items.as_mut().poll_next(context)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl<T> fmt::Debug for PageStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PageStream").finish_non_exhaustive()
    }
}

/// Where the walk through the pages stands.
struct State<T, F> {
    fetch: F,
    next_page: Option<u32>,
    per_page: Option<u32>,
    buffered: VecDeque<T>,
    seen_items: usize,
}

/// Walks pages `first_page`, `first_page + 1`, ... by calling `fetch(page)`, and yields their
/// items in order.
///
/// The walk stops after a page that `result_info` marks as the last (its `page` is at least
/// `total_pages`, the items so far reach `total_count`, or `count` is below `per_page`), after
/// a page whose `result_info.page` is lower than the page asked for (a server that ignores
/// `page`), after an empty page, or after an error (which is yielded). It never asks for a
/// page beyond one that `result_info` marks as the last. `per_page` is the page size that was
/// requested; it is used only when the server does not echo `per_page`.
pub fn paginate<T, F, Fut>(first_page: u32, per_page: Option<u32>, fetch: F) -> PageStream<T>
where
    T: Send + 'static,
    F: FnMut(u32) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>>> + Send + 'static,
{
    let state = State {
        fetch,
        next_page: Some(first_page),
        per_page,
        buffered: VecDeque::new(),
        seen_items: 0,
    };
    let items = futures_util::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.buffered.pop_front() {
                return Some((Ok(item), state));
            }
            let page_number = state.next_page?;
            let page = match (state.fetch)(page_number).await {
                Ok(page) => page,
                Err(error) => {
                    state.next_page = None;
                    return Some((Err(error), state));
                }
            };
            if page.items.is_empty() {
                return None;
            }
            state.seen_items += page.items.len();
            let last = page.result_info.is_some_and(|info| {
                // A server that answers an earlier page than the one asked for is ignoring
                // the `page` parameter; following it would loop forever.
                info.page
                    .is_some_and(|echoed| echoed < u64::from(page_number))
                    || info_says_last(
                        &info,
                        Some(u64::from(page_number)),
                        state.per_page.map(u64::from),
                        state.seen_items,
                    )
            });
            state.next_page = if last {
                None
            } else {
                page_number.checked_add(1)
            };
            state.buffered.extend(page.items);
        }
    });
    // Fused: asking again after the end (or after an error) answers `None` again.
    PageStream {
        items: Box::pin(futures_util::StreamExt::fuse(items)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::{Error, ResultInfo};
    use futures_util::StreamExt;
    use std::sync::{Arc, Mutex};

    fn pages(responses: Vec<Result<Page<u32>>>) -> (PageStream<u32>, Arc<Mutex<Vec<u32>>>) {
        let requested = Arc::new(Mutex::new(Vec::new()));
        let log = requested.clone();
        let responses = Arc::new(Mutex::new(VecDeque::from(responses)));
        let stream = paginate(1, Some(2), move |page| {
            log.lock().unwrap().push(page);
            let next = responses.lock().unwrap().pop_front();
            async move { next.unwrap_or_else(|| Ok(Page::new(Vec::new(), None))) }
        });
        (stream, requested)
    }

    #[tokio::test]
    async fn stops_on_total_pages_without_an_extra_request() {
        let info = |page| {
            Some(ResultInfo::new(
                Some(page),
                Some(2),
                Some(2),
                Some(6),
                Some(3),
            ))
        };
        let (stream, requested) = pages(vec![
            Ok(Page::new(vec![1, 2], info(1))),
            Ok(Page::new(vec![3, 4], info(2))),
            Ok(Page::new(vec![5, 6], info(3))),
        ]);
        let items: Vec<u32> = stream.map(|item| item.unwrap()).collect().await;
        assert_eq!(items, vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(*requested.lock().unwrap(), vec![1, 2, 3]);
    }

    #[tokio::test]
    async fn stops_on_an_empty_page_without_result_info() {
        let (stream, requested) = pages(vec![
            Ok(Page::new(vec![1, 2], None)),
            Ok(Page::new(vec![3], None)),
        ]);
        let items: Vec<u32> = stream.map(|item| item.unwrap()).collect().await;
        assert_eq!(items, vec![1, 2, 3]);
        assert_eq!(*requested.lock().unwrap(), vec![1, 2, 3]);
    }

    #[tokio::test]
    async fn a_server_that_ignores_page_does_not_loop_forever() {
        let info = Some(ResultInfo::new(Some(1), Some(2), Some(2), None, Some(3)));
        let (stream, requested) = pages(vec![
            Ok(Page::new(vec![1, 2], info)),
            Ok(Page::new(vec![1, 2], info)),
            Ok(Page::new(vec![1, 2], info)),
        ]);
        let items: Vec<u32> = stream.map(|item| item.unwrap()).collect().await;
        assert_eq!(items, vec![1, 2, 1, 2]);
        assert_eq!(*requested.lock().unwrap(), vec![1, 2]);
    }

    #[tokio::test]
    async fn its_own_next_and_collect_all_walk_every_page() {
        let pages_of = || {
            pages(vec![
                Ok(Page::new(vec![1, 2], None)),
                Ok(Page::new(vec![3], None)),
            ])
        };
        let (mut stream, _) = pages_of();
        let mut walked = Vec::new();
        while let Some(item) = PageStream::next(&mut stream).await {
            walked.push(item.unwrap());
        }
        assert_eq!(walked, vec![1, 2, 3]);
        assert!(PageStream::next(&mut stream).await.is_none());
        let (stream, requested) = pages_of();
        assert_eq!(stream.collect_all().await.unwrap(), vec![1, 2, 3]);
        assert_eq!(*requested.lock().unwrap(), vec![1, 2, 3]);
        let (stream, requested) = pages(vec![
            Ok(Page::new(vec![1], None)),
            Err(Error::validation("page", "boom")),
        ]);
        let error = stream.collect_all().await.unwrap_err();
        assert_eq!(error.field(), Some("page"));
        assert_eq!(*requested.lock().unwrap(), vec![1, 2]);
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let (stream, requested) = pages(vec![
            Ok(Page::new(vec![1], None)),
            Err(Error::validation("page", "boom")),
            Ok(Page::new(vec![9], None)),
        ]);
        let items: Vec<Result<u32>> = stream.collect().await;
        assert_eq!(items.len(), 2);
        assert!(items[1].is_err());
        assert_eq!(*requested.lock().unwrap(), vec![1, 2]);
    }
}
