import FlyingSocks
import Foundation

/// A small HTTP/1.1 server over FlyingSocks' non-blocking sockets.
///
/// It binds its port when made, so that a port in use is known before anything else starts,
/// and reads every request with `HTTPRequestParser` within its limits: a client sending an
/// endless header gets 431 after `limits.head` bytes and costs the others nothing, because
/// each connection scans only the bytes it has not scanned before and waits in the socket pool,
/// never on a thread.
public final class HTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    public let address: String
    /// The port listened on (the one picked when 0 was asked for).
    public let port: UInt16
    public let limits: HTTPRequestParser.Limits
    private let socket: Socket

    public enum ListenError: Error, CustomStringConvertible {
        case notAnAddress(String)
        case portInUse(address: String, port: UInt16)
        case failed(address: String, port: UInt16, reason: String)

        public var description: String {
            switch self {
            case .notAnAddress(let text): "'\(text)' is not an IPv4 address"
            case .portInUse(let address, let port): "port \(port) on \(address) is already in use"
            case .failed(let address, let port, let reason): "cannot listen on \(address):\(port): \(reason)"
            }
        }
    }

    public init(address: String, port: UInt16, limits: HTTPRequestParser.Limits = .standard) throws(ListenError) {
        let socketAddress: sockaddr_in
        do { socketAddress = try .inet(ip4: address, port: port) } catch { throw .notAnAddress(address) }
        do {
            let socket = try Socket(domain: AF_INET)
            try socket.setValue(true, for: .localAddressReuse)
            do {
                try socket.bind(to: socketAddress)
                try socket.listen()
            } catch {
                try? socket.close()
                throw error
            }
            guard case .ip4(_, let bound) = try socket.sockname() else { throw SocketError.unsupportedAddress }
            self.socket = socket
            self.port = bound
        } catch SocketError.failed(_, let errno, _) where errno == EADDRINUSE {
            throw .portInUse(address: address, port: port)
        } catch {
            throw .failed(address: address, port: port, reason: error.localizedDescription)
        }
        self.address = address
        self.limits = limits
    }

    /// Answers requests with `handler` until the task is cancelled.
    public func run(_ handler: @escaping Handler) async throws {
        let pool: some AsyncSocketPool = .make()
        try await pool.prepare()
        let listener = try AsyncSocket(socket: socket, pool: pool)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pool.run() }
            group.addTask { [limits] in
                // One task per connection; they end with their connection or the process.
                for try await connection in listener.sockets {
                    Task { await Self.serve(connection, limits: limits, handler: handler) }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Reads requests off one connection and answers them in order, until the client closes
    /// it, asks to close it, or sends a request that is refused.
    static func serve(_ connection: AsyncSocket, limits: HTTPRequestParser.Limits, handler: Handler) async {
        defer { try? connection.close() }
        var buffer: [UInt8] = []
        var scanned = 0
        do {
            while true {
                var needed: Int?
                switch try HTTPRequestParser.parse(buffer[...], limits: limits) {
                case .request(let request, let consumed):
                    buffer.removeFirst(consumed)
                    scanned = 0
                    let keepAlive = request.keepsAlive
                    let response = await handler(request)
                    try await connection.write(Data(response.encoded(keepAlive: keepAlive)))
                    guard keepAlive else { return }
                    continue
                case .incomplete(let atLeast):
                    needed = atLeast
                }
                // Read until the head's end or the whole body can be there, scanning each byte once.
                repeat {
                    buffer += try await read(connection, upTo: 64 * 1024)
                    if needed == nil {
                        if HTTPRequestParser.endOfHead(buffer[...], from: max(0, scanned - 3)) != nil { break }
                        scanned = buffer.count
                        if buffer.count >= limits.head { break }
                    }
                } while buffer.count < (needed ?? Int.max)
            }
        } catch let error as HTTPRequestError {
            let response = HTTPResponse.text(error.status, error.message)
            try? await connection.write(Data(response.encoded(keepAlive: false)))
            await closeGently(connection)
        } catch {
            // The client went away.
        }
    }

    /// At least one byte (waiting in the socket pool for it), then whatever else has arrived,
    /// up to `limit`: one trip through the pool per burst, not per 4 KB (AsyncSocket's reads).
    private static func read(_ connection: AsyncSocket, upTo limit: Int) async throws -> [UInt8] {
        var bytes = try await connection.read(atMost: min(limit, 4096))
        while bytes.count < limit, let more = try? connection.socket.read(atMost: limit - bytes.count) {
            bytes += more
        }
        return bytes
    }

    /// Stops sending and reads what the client is still sending (up to a bound) before the
    /// connection closes: closing with unread bytes makes the kernel reset the connection,
    /// and the client would lose the answer that says why it was refused.
    private static func closeGently(_ connection: AsyncSocket) async {
        _ = shutdown(connection.socket.file.rawValue, Int32(SHUT_WR))
        var discarded = 0
        while discarded < 8 * 1024 * 1024, let bytes = try? await read(connection, upTo: 256 * 1024) {
            discarded += bytes.count
        }
    }
}
