//! Connections the fake can drop on purpose.
//!
//! axum hands a handler no way to close its connection, and any response it returns is
//! written. So the listener wraps each socket in a [`DroppableStream`] whose shared flag
//! a handler can set through [`ConnectionHandle`] (axum's `ConnectInfo`). Once set, the
//! stream refuses every write: hyper fails to write the response, gives up on the
//! connection and drops the socket, so the client reads end-of-stream where a response
//! should be, without a single byte of it.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// A TCP listener whose connections can be dropped from a handler.
#[derive(Debug)]
pub(crate) struct FakeListener {
    inner: TcpListener,
}

impl FakeListener {
    pub(crate) fn new(inner: TcpListener) -> Self {
        Self { inner }
    }
}

impl Listener for FakeListener {
    type Io = DroppableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    // Small responses would otherwise wait on Nagle's algorithm against
                    // the client's delayed ACKs; failing to set it only costs latency.
                    let _ = stream.set_nodelay(true);
                    return (DroppableStream::new(stream), addr);
                }
                // A client that gave up before we accepted: nothing to wait for.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
                    ) => {}
                // Out of file descriptors and the like: wait for some to be freed rather
                // than spin (the listener's contract is to retry, never to fail).
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A TCP stream that stops writing once its connection is marked dropped.
#[derive(Debug)]
pub(crate) struct DroppableStream {
    inner: TcpStream,
    dropped: Arc<AtomicBool>,
}

impl DroppableStream {
    fn new(inner: TcpStream) -> Self {
        Self {
            inner,
            dropped: Arc::new(AtomicBool::new(false)),
        }
    }

    fn is_dropped(&self) -> bool {
        self.dropped.load(Ordering::Acquire)
    }
}

fn dropped_error() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "llama-cloud-fake dropped this connection (Fault::DropConnection)",
    )
}

impl AsyncRead for DroppableStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.is_dropped() {
            // End of stream: hyper stops waiting for another request.
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for DroppableStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.is_dropped() {
            return Poll::Ready(Err(dropped_error()));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.is_dropped() {
            return Poll::Ready(Err(dropped_error()));
        }
        Pin::new(&mut this.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.is_dropped() {
            return Poll::Ready(Err(dropped_error()));
        }
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// A handler's grip on its own connection, as axum `ConnectInfo`.
#[derive(Debug, Clone)]
pub(crate) struct ConnectionHandle {
    dropped: Arc<AtomicBool>,
}

impl ConnectionHandle {
    /// Marks the connection dropped: the response about to be written never is.
    pub(crate) fn drop_connection(&self) {
        self.dropped.store(true, Ordering::Release);
    }
}

impl Connected<IncomingStream<'_, FakeListener>> for ConnectionHandle {
    fn connect_info(stream: IncomingStream<'_, FakeListener>) -> Self {
        Self {
            dropped: Arc::clone(&stream.io().dropped),
        }
    }
}
