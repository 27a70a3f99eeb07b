import Testing
@testable import recbook

/// The kernel's framing and signing, below what jupyter_client can show: the HMAC itself and
/// what a tampered message looks like to the kernel.
@Suite("Jupyter wire messages")
struct WireMessageTests {
    @Test("signatures are RFC 4231's HMAC-SHA256 in lowercase hex")
    func rfc4231() {
        let signer = MessageSigner(key: "Jefe")
        let signature = signer.signature(of: [Array("what do ya ".utf8), Array("want for nothing?".utf8)])
        #expect(String(decoding: signature, as: UTF8.self) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("a signed message reads back with its identities; a changed byte or another key is refused")
    func verification() throws {
        let signer = MessageSigner(key: "secret")
        var message = WireMessage(type: "execute_request", session: "s", content: ["code": "x = 1"])
        message.identities = [Array("client".utf8)]
        let frames = message.frames(signer: signer)
        let read = try WireMessage(frames: frames, signer: signer)
        #expect(read.identities == [Array("client".utf8)])
        #expect(read.content["code"]?.string == "x = 1")
        #expect(read.type == "execute_request")

        var tampered = frames
        tampered[tampered.count - 1] = Array(#"{"code":"x = 2"}"#.utf8)
        #expect(throws: WireMessage.Problem.self) { try WireMessage(frames: tampered, signer: signer) }
        #expect(throws: WireMessage.Problem.self) { try WireMessage(frames: frames, signer: MessageSigner(key: "other")) }
        #expect(throws: WireMessage.Problem.self) { try WireMessage(frames: Array(frames.prefix(3)), signer: signer) }
    }

    @Test("an empty key turns signing off, as the protocol allows")
    func unsigned() throws {
        let signer = MessageSigner(key: "")
        let frames = WireMessage(type: "kernel_info_request", session: "s", content: [:]).frames(signer: signer)
        #expect(frames[1].isEmpty, "the signature frame after the delimiter is empty")
        #expect(try WireMessage(frames: frames, signer: signer).type == "kernel_info_request")
    }

    @Test("is_complete: an open list waits for more lines; a finished cell is complete or invalid")
    func completeness() {
        #expect(CellCompleteness.reply(for: "users = [1, 2,")["status"]?.string == "incomplete")
        #expect(CellCompleteness.reply(for: "users = [1, 2]")["status"]?.string == "complete")
        #expect(CellCompleteness.reply(for: "name = \"[\"  # [")["status"]?.string == "complete")
        #expect(CellCompleteness.reply(for: "x = = 1")["status"]?.string == "invalid")
    }
}
