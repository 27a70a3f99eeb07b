import CZeroMQ
import Foundation

/// A thin, typed layer over libzmq: one context per kernel, sockets that send and receive
/// multipart messages as byte arrays. A socket belongs to one thread at a time.
final class ZeroMQContext {
    let handle: UnsafeMutableRawPointer

    init() { handle = zmq_ctx_new() }

    /// Waits until every socket is closed and their queued messages are sent (or their linger
    /// time ran out), then frees the context.
    func terminate() { zmq_ctx_term(handle) }
}

struct ZeroMQError: Error, CustomStringConvertible {
    let operation: String
    let code: Int32

    init(_ operation: String) {
        self.operation = operation
        code = zmq_errno()
    }

    var description: String { "\(operation): \(String(cString: zmq_strerror(code)))" }
}

final class ZeroMQSocket {
    enum Kind {
        case router, publisher, reply

        var value: Int32 {
            switch self {
            case .router: ZMQ_ROUTER
            case .publisher: ZMQ_PUB
            case .reply: ZMQ_REP
            }
        }
    }

    private let handle: UnsafeMutableRawPointer

    /// A socket bound to `address`; closing it waits at most a second for unsent messages.
    init(_ kind: Kind, context: ZeroMQContext, bindingTo address: String) throws(ZeroMQError) {
        guard let handle = zmq_socket(context.handle, kind.value) else { throw ZeroMQError("zmq_socket") }
        self.handle = handle
        var linger: Int32 = 1000
        zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
        guard zmq_bind(handle, address) == 0 else {
            let error = ZeroMQError("cannot listen on \(address)")
            zmq_close(handle)
            throw error
        }
    }

    func close() { zmq_close(handle) }

    /// True when a message can be read within `milliseconds`.
    func waitForMessage(milliseconds: Int) -> Bool {
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        return zmq_poll(&item, 1, milliseconds) > 0 && item.revents & Int16(ZMQ_POLLIN) != 0
    }

    /// All frames of the next message, waiting for it.
    func receive() throws(ZeroMQError) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        repeat {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            guard zmq_msg_recv(&message, handle, 0) >= 0 else { throw ZeroMQError("zmq_msg_recv") }
            let size = zmq_msg_size(&message)
            frames.append(size == 0 ? [] : Array(UnsafeRawBufferPointer(start: zmq_msg_data(&message), count: size)))
        } while hasMore
        return frames
    }

    func send(_ frames: [[UInt8]]) throws(ZeroMQError) {
        for (index, frame) in frames.enumerated() {
            let flags = index == frames.count - 1 ? 0 : ZMQ_SNDMORE
            let sent = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
            guard sent >= 0 else { throw ZeroMQError("zmq_send") }
        }
    }

    private var hasMore: Bool {
        var more: Int32 = 0
        var size = MemoryLayout<Int32>.size
        zmq_getsockopt(handle, ZMQ_RCVMORE, &more, &size)
        return more != 0
    }
}
