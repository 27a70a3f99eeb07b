import Foundation

/// The JSON file Jupyter writes before starting a kernel: where to listen and the signing key.
struct ConnectionFile {
    var transport: String
    var ip: String
    var shellPort: Int
    var iopubPort: Int
    var stdinPort: Int
    var controlPort: Int
    var heartbeatPort: Int
    var key: String
    var signatureScheme: String

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String) throws(Problem) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "\(path): cannot read the connection file")
        }
        guard let json = JSON(parsing: data), json.object != nil else {
            throw Problem(description: "\(path): the connection file is not a JSON object")
        }
        func port(_ name: String) throws(Problem) -> Int {
            guard let value = json[name]?.integer else { throw Problem(description: "\(path): no '\(name)' in the connection file") }
            return value
        }
        transport = json["transport"]?.string ?? "tcp"
        ip = json["ip"]?.string ?? "127.0.0.1"
        shellPort = try port("shell_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        controlPort = try port("control_port")
        heartbeatPort = try port("hb_port")
        key = json["key"]?.string ?? ""
        signatureScheme = json["signature_scheme"]?.string ?? "hmac-sha256"
        guard key.isEmpty || signatureScheme == "hmac-sha256" else {
            throw Problem(description: "\(path): signature scheme '\(signatureScheme)' is not supported; RecBook signs with hmac-sha256")
        }
    }

    /// The ZeroMQ address of a channel: `tcp://ip:port`, or `ipc://ip-port` for the ipc transport.
    func address(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "\(transport)://\(ip):\(port)"
    }
}
