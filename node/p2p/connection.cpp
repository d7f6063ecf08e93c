#include "node/p2p/connection.hpp"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>

#include "core/reasons.hpp"
#include "node/p2p/tls.hpp"

namespace azora::p2p {

namespace asio = boost::asio;
using boost::system::error_code;

Connection::Connection(asio::io_context& io,
                       asio::ssl::context& tls,
                       ConnectionEvents& events,
                       uint32_t max_frame_bytes,
                       size_t max_send_queue_bytes)
    : m_stream(io, tls),
      m_resolver(io),
      m_events(events),
      m_max_frame_bytes(max_frame_bytes),
      m_max_send_queue_bytes(max_send_queue_bytes),
      m_outbound(true) {}

Connection::Connection(asio::ip::tcp::socket socket,
                       asio::ssl::context& tls,
                       ConnectionEvents& events,
                       uint32_t max_frame_bytes,
                       size_t max_send_queue_bytes)
    : m_stream(std::move(socket), tls),
      m_resolver(m_stream.get_executor()),
      m_events(events),
      m_max_frame_bytes(max_frame_bytes),
      m_max_send_queue_bytes(max_send_queue_bytes),
      m_outbound(false) {
    error_code ec;
    auto remote = m_stream.lowest_layer().remote_endpoint(ec);
    if (!ec) {
        m_remote_ip = remote.address().to_string();
        m_remote_address = PeerAddress{std::nullopt, m_remote_ip, remote.port()}.endpoint();
    }
}

void Connection::dial(const PeerAddress& address) {
    auto self = shared_from_this();
    m_resolver.async_resolve(
        address.host, std::to_string(address.port),
        [this, self](const error_code& ec, asio::ip::tcp::resolver::results_type results) {
            if (m_closed) {
                return;
            }
            if (ec) {
                return fail(ec, "resolve");
            }
            asio::async_connect(
                m_stream.lowest_layer(), results,
                [this, self](const error_code& ec, const asio::ip::tcp::endpoint& remote) {
                    if (m_closed) {
                        return;
                    }
                    if (ec) {
                        return fail(ec, "connect");
                    }
                    m_remote_ip = remote.address().to_string();
                    m_remote_address =
                        PeerAddress{std::nullopt, m_remote_ip, remote.port()}.endpoint();
                    disable_nagle();
                    if (!m_events.on_tcp_connected(*this)) {
                        return close("refused");
                    }
                    start_tls(asio::ssl::stream_base::client);
                });
        });
}

void Connection::accept() {
    if (m_remote_ip.empty()) {
        return close("no_remote_endpoint");
    }
    disable_nagle();
    if (!m_events.on_tcp_connected(*this)) {
        return close("refused");
    }
    start_tls(asio::ssl::stream_base::server);
}

void Connection::disable_nagle() {
    // Votes and proposals are small frames that must leave at once: with Nagle's algorithm a
    // frame written while the previous one is unacknowledged waits for the peer's delayed ACK
    // (up to 40 ms on Linux), once per consensus step.
    error_code ignored;
    m_stream.lowest_layer().set_option(asio::ip::tcp::no_delay(true), ignored);
}

void Connection::start_tls(asio::ssl::stream_base::handshake_type role) {
    auto self = shared_from_this();
    m_stream.async_handshake(role, [this, self](const error_code& ec) {
        if (m_closed) {
            return;
        }
        if (ec) {
            // A TLS-level failure of a connection that came in means the peer sent something
            // that is not TLS 1.3 (garbage, another protocol): misbehaviour, banned by IP. A
            // reset or an EOF, even mid-handshake (stream_truncated: the peer was killed or
            // refused us), is just a lost connection; and a peer this node dialled is not
            // punished, since its IP may be shared with honest nodes: the redial backs off.
            const bool tls_error = ec.category() == asio::error::get_ssl_category() ||
                                   (ec.category() == asio::ssl::error::get_stream_category() &&
                                    ec != asio::ssl::error::stream_truncated);
            if (!tls_error) {
                return fail(ec, "tls handshake");
            }
            if (!m_outbound) {
                m_events.on_violation(*this, Error::from(reasons::kBadTls, ec.message()));
            }
            return close("bad_tls");
        }
        auto exporter = export_hello_keying_material(m_stream.native_handle());
        if (!exporter.ok()) {
            return close(exporter.error().reason);
        }
        m_exporter = *exporter;
        Bytes hello = m_events.on_tls_ready(*this);
        if (m_closed) {
            return;
        }
        if (!send(msg::kHello, hello)) {
            return close("slow_peer");
        }
        read_length();
    });
}

void Connection::read_length() {
    auto self = shared_from_this();
    asio::async_read(
        m_stream, asio::buffer(m_length_buf), [this, self](const error_code& ec, size_t) {
            if (m_closed) {
                return;
            }
            if (ec) {
                return fail(ec, "read");
            }
            // Until the hello is accepted the sender is anonymous: it gets no more than a
            // hello needs, so it cannot make us hold max_frame_bytes per socket.
            auto length = decode_frame_length(
                m_length_buf,
                established ? m_max_frame_bytes : std::min(m_max_frame_bytes, kMaxHelloFrameBytes));
            if (!length.ok()) {
                // The body is never read, let alone allocated.
                m_events.on_violation(*this, length.error());
                return close(length.error().reason);
            }
            read_body(*length);
        });
}

void Connection::read_body(uint32_t length) {
    m_body.resize(length);
    auto self = shared_from_this();
    asio::async_read(m_stream, asio::buffer(m_body), [this, self](const error_code& ec, size_t) {
        if (m_closed) {
            return;
        }
        if (ec) {
            return fail(ec, "read");
        }
        m_bytes_in += kFrameLengthBytes + m_body.size();
        m_last_receive = Clock::now();
        Bytes body = std::move(m_body);
        m_body = Bytes{};
        m_events.on_frame(*this, body[0], ByteView(body).subspan(1));
        if (!m_closed) {
            read_length();
        }
    });
}

bool Connection::send(uint8_t type, ByteView payload) {
    if (m_closed) {
        return true;
    }
    const size_t size = kFrameLengthBytes + 1 + payload.size();
    if (m_queued_bytes + size > m_max_send_queue_bytes) {
        return false;
    }
    m_queue.push_back(encode_frame(type, payload));
    m_queued_bytes += size;
    if (!m_writing) {
        write_next();
    }
    return true;
}

void Connection::write_next() {
    if (m_queue.empty() || m_closed) {
        m_writing = false;
        return;
    }
    m_writing = true;
    auto self = shared_from_this();
    asio::async_write(m_stream, asio::buffer(m_queue.front()),
                      [this, self](const error_code& ec, size_t n) {
                          if (m_closed) {
                              return;
                          }
                          if (ec) {
                              return fail(ec, "write");
                          }
                          m_bytes_out += n;
                          m_queued_bytes -= m_queue.front().size();
                          m_queue.pop_front();
                          write_next();
                      });
}

void Connection::fail(const error_code& ec, const char* stage) {
    if (ec == asio::error::operation_aborted) {
        return close("aborted");
    }
    const bool eof = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated ||
                     ec == asio::error::connection_reset;
    close(eof ? std::string("connection_closed") : std::string(stage) + ": " + ec.message());
}

void Connection::close(const std::string& reason) {
    if (m_closed) {
        return;
    }
    m_closed = true;
    m_resolver.cancel();
    error_code ignored;
    m_stream.lowest_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    m_stream.lowest_layer().close(ignored);
    // The queue stays: a pending async_write may still read its front buffer until its
    // handler runs; everything is freed with the Connection.
    m_events.on_closed(*this, reason);
}

}  // namespace azora::p2p
