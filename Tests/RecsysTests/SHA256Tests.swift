import Foundation
import Testing
import Recsys

@Suite("SHA-256")
struct SHA256Tests {
    @Test("the FIPS 180 example vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(message: String, digest: String) {
        #expect(SHA256.hash(Array(message.utf8)).hex == digest)
    }

    @Test("one million times 'a'")
    func millionA() {
        #expect(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)).hex
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("lengths around the padding boundaries (checked with sha256sum)", arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: length)).hex == digest)
    }

    @Test("feeding the input in pieces of any size gives the same digest")
    func streaming() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let whole = SHA256.hash(message)
        for pieceSize in [1, 3, 63, 64, 65, 200] {
            var hasher = SHA256()
            for start in stride(from: 0, to: message.count, by: pieceSize) {
                hasher.update(Array(message[start..<min(message.count, start + pieceSize)]))
            }
            #expect(hasher.finalize() == whole, "pieces of \(pieceSize)")
        }
    }

    @Test("a copy of a hasher goes on alone, and finalizing leaves the hasher as it was")
    func copies() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        var copy = hasher
        copy.update(Array("c".utf8))
        #expect(copy.finalize().hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hasher.finalize() == SHA256.hash(Array("ab".utf8)), "the copy's update did not reach the original")
        hasher.update(Array("c".utf8))
        #expect(hasher.finalize() == copy.finalize(), "finalize did not end the original")
    }

    @Test("a file hashes like its bytes; a missing file is reported")
    func files() throws {
        let file = try temporaryFolder().appendingPathComponent("abc.txt")
        try write("abc", to: file)
        #expect(try SHA256.hash(fileAt: file).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(throws: DataError.self) { try SHA256.hash(fileAt: file.appendingPathExtension("gone")) }
    }
}

@Suite("Dataset fingerprints")
struct FingerprintTests {
    @Test("the SHA-256 of the sha256sum listing, sorted by name (checked with coreutils)")
    func matchesShellRecipe() throws {
        let folder = try temporaryFolder()
        try write("hello\n", to: folder.appendingPathComponent("u.data"))
        try write("Action|1\n", to: folder.appendingPathComponent("u.genre"))
        // cd folder && sha256sum u.data u.genre | sha256sum
        let expected = "0052f5b09b0962607bed5fc61ab70535a5814d82f882711059b5f8051de26d81"
        let fingerprint = try DatasetFingerprint(hashing: [folder.appendingPathComponent("u.genre"),
                                                           folder.appendingPathComponent("u.data")])
        #expect(fingerprint.hex == expected, "the order the files are given in does not matter")
        #expect(fingerprint.short == "0052f5b09b09")
        #expect(fingerprint.description == fingerprint.short)
        #expect(fingerprint.files.map(\.name) == ["u.data", "u.genre"])
    }

    @Test("stable for the same files, different when one byte changes")
    func stability() throws {
        let twin = try Twin.dataset.get()
        let first = try twin.fingerprint(splits: [.ua])
        #expect(try twin.fingerprint(splits: [.ua]) == first)
        #expect(first.files.map(\.name) == ["u.data", "u.genre", "u.item", "u.occupation", "u.user",
                                            "ua.base", "ua.test"])
        #expect(try twin.fingerprint() != first, "the split files are part of the fingerprint")

        let copy = try temporaryFolder()
        for name in MovieLens100K.coreFileNames {
            try FileManager.default.copyItem(at: twin.directory.appendingPathComponent(name),
                                             to: copy.appendingPathComponent(name))
        }
        let copied = try MovieLens100K.load(from: copy)
        #expect(try copied.fingerprint() == twin.fingerprint(), "the location does not matter")
        var genre = try Data(contentsOf: copy.appendingPathComponent("u.genre"))
        genre[genre.startIndex] ^= 0x20   // "unknown" becomes "Unknown"
        try genre.write(to: copy.appendingPathComponent("u.genre"))
        #expect(try copied.fingerprint() != twin.fingerprint())
    }
}
