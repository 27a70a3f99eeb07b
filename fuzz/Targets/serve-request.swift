import LoopbackHTTP

/// `recbook serve`'s request reader and the Host/Origin policy it applies: the input as one read,
/// then as it might arrive on a slow connection — cut in two at the position named by its first
/// byte — with the scan resumed from where the first part ended, as the server does. Either way
/// the parse must agree, and every request on the connection is read until the bytes run out.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServeRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let policy = HostPolicy(address: "127.0.0.1", port: 8000)
    var rest = bytes[...]
    while !rest.isEmpty {
        guard case .request(let request, let consumed)? = try? HTTPRequestParser.parse(rest) else { break }
        _ = policy.refusal(of: request)
        _ = (request.pathSegments, request.keepsAlive)
        precondition(consumed > 0 && consumed <= rest.count, "a request consumed \(consumed) of \(rest.count) bytes")
        rest = rest.dropFirst(consumed)
    }
    if let cut = bytes.first.map({ Int($0) % (bytes.count + 1) }) {
        let early = HTTPRequestParser.endOfHead(bytes[..<cut], from: 0)
        let resumed = early ?? HTTPRequestParser.endOfHead(bytes[...], from: max(0, cut - 3))
        precondition(resumed == HTTPRequestParser.endOfHead(bytes[...], from: 0), "a head's end moved when the bytes came in two parts")
    }
    return 0
}
