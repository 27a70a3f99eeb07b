import Foundation
import Kernel

/// The kernel process: listens on the five channels of the connection file and answers the
/// messaging protocol. Shell requests are handled one at a time on the calling thread; the
/// heartbeat and the control channel have threads of their own, so an interrupt or a shutdown
/// is heard while a cell trains. Every request is framed by `status: busy` and `status: idle`
/// on iopub.
final class JupyterServer {
    private let connection: ConnectionFile
    private let signer: MessageSigner
    private let session: JupyterSession
    private let context = ZeroMQContext()
    private let sessionID = UUID().uuidString.lowercased()
    /// Guards the iopub socket, which the shell and control threads both publish on.
    private let publishLock = NSLock()
    private let stateLock = NSLock()
    private var running = true
    private var iopub: ZeroMQSocket!

    init(connection: ConnectionFile, session: JupyterSession) {
        self.connection = connection
        signer = MessageSigner(key: connection.key)
        self.session = session
    }

    /// How often the loops look up from waiting to see whether the kernel is shutting down.
    private static let pollMilliseconds = 100

    /// Serves until a shutdown request; then closes every channel, sending what is queued.
    func serve() throws(ZeroMQError) {
        let shell = try ZeroMQSocket(.router, context: context, bindingTo: connection.address(connection.shellPort))
        let control = try ZeroMQSocket(.router, context: context, bindingTo: connection.address(connection.controlPort))
        let stdin = try ZeroMQSocket(.router, context: context, bindingTo: connection.address(connection.stdinPort))
        let heartbeat = try ZeroMQSocket(.reply, context: context, bindingTo: connection.address(connection.heartbeatPort))
        iopub = try ZeroMQSocket(.publisher, context: context, bindingTo: connection.address(connection.iopubPort))
        let heartbeatThread = Thread { [self] in
            while isRunning {
                guard heartbeat.waitForMessage(milliseconds: Self.pollMilliseconds), let ping = try? heartbeat.receive() else { continue }
                try? heartbeat.send(ping)
            }
            heartbeat.close()
        }
        let controlThread = Thread { [self] in
            serve(control, channel: .control)
            control.close()
        }
        heartbeatThread.start()
        controlThread.start()
        publish("status", ["execution_state": "starting"], parent: nil)
        serve(shell, channel: .shell)
        shell.close()
        stdin.close()
        // The other loops notice within one poll interval and close their sockets.
        while heartbeatThread.isExecuting || controlThread.isExecuting { Thread.sleep(forTimeInterval: 0.01) }
        publishLock.withLock { iopub.close() }
        context.terminate()
    }

    private enum Channel { case shell, control }

    private var isRunning: Bool { stateLock.withLock { running } }

    private func serve(_ socket: ZeroMQSocket, channel: Channel) {
        while isRunning {
            guard socket.waitForMessage(milliseconds: Self.pollMilliseconds) else { continue }
            let frames: [[UInt8]]
            do { frames = try socket.receive() } catch { log("cannot receive: \(error)"); continue }
            let request: WireMessage
            do {
                request = try WireMessage(frames: frames, signer: signer)
            } catch {
                log("dropped a message on the \(channel) channel: \(error)")
                continue
            }
            publish("status", ["execution_state": "busy"], parent: request)
            if let reply = answer(request, channel: channel) {
                let type = request.type.replacingOccurrences(of: "_request", with: "_reply")
                let message = WireMessage(type: type, session: sessionID, content: reply, parent: request)
                do { try socket.send(message.frames(signer: signer)) } catch { log("cannot reply: \(error)") }
            }
            publish("status", ["execution_state": "idle"], parent: request)
        }
    }

    /// The reply's content, or nil for messages that get none.
    private func answer(_ request: WireMessage, channel: Channel) -> JSON? {
        let content = request.content
        let code = content["code"]?.string ?? ""
        let cursor = content["cursor_pos"]?.integer ?? code.unicodeScalars.count
        switch (request.type, channel) {
        case ("kernel_info_request", _):
            return Self.kernelInfo
        case ("shutdown_request", _):
            stateLock.withLock { running = false }
            session.interrupt()
            return ["status": "ok", "restart": .bool(content["restart"]?.bool ?? false)]
        case ("interrupt_request", _):
            session.interrupt()
            return ["status": "ok"]
        case ("execute_request", .shell):
            return session.execute(code, silent: content["silent"]?.bool ?? false) { [self] type, content in
                publish(type, content, parent: request)
            }
        case ("complete_request", .shell):
            return session.completer.complete(code, cursor: cursor)
        case ("inspect_request", .shell):
            return session.completer.inspect(code, cursor: cursor)
        case ("is_complete_request", .shell):
            return CellCompleteness.reply(for: code)
        case ("history_request", .shell):
            return ["status": "ok", "history": []]
        case ("comm_info_request", .shell):
            return ["status": "ok", "comms": [:]]
        default:
            log("no handler for \(request.type) on the \(channel) channel")
            return nil
        }
    }

    private func publish(_ type: String, _ content: JSON, parent: WireMessage?) {
        var message = WireMessage(type: type, session: sessionID, content: content, parent: parent)
        message.identities = [Array(type.utf8)]
        publishLock.withLock { try? iopub.send(message.frames(signer: signer)) }
    }

    private func log(_ text: String) { Terminal.error("recbook kernel: \(text)") }

    static let kernelInfo: JSON = [
        "status": "ok",
        "protocol_version": .string(WireMessage.protocolVersion),
        "implementation": "recbook",
        "implementation_version": .string(RecBook.version),
        "language_info": [
            "name": "recbook",
            "version": .string(RecBook.version),
            "mimetype": "text/x-recbook",
            "file_extension": ".md",
        ],
        "banner": .string("RecBook \(RecBook.version) — literate recommender-system tutorials"),
        "help_links": [],
        "debugger": false,
    ]
}
