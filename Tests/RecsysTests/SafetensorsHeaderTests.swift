import Foundation
import Testing
import Recsys

/// Hostile safetensors headers are errors naming the tensor, never a trap.
struct SafetensorsHeaderTests {
    private func file(_ header: String, data: Int = 16) -> [UInt8] {
        let json = Array(header.utf8)
        return (0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) } + json + [UInt8](repeating: 0, count: data)
    }

    @Test(arguments: [
        #"{"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,16]}}"#,
        #"{"w":{"dtype":"F32","shape":[-1,-4],"data_offsets":[0,16]}}"#,
        #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[-9223372036854775807,-9223372036854775791]}}"#,
        #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[9223372036854775800,9223372036854775807]}}"#,
        #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[16,12]}}"#,
        #"{"w":{"dtype":"F32","shape":[8],"data_offsets":[0,32]}}"#,
    ])
    func shapesAndOffsetsThatDoNotFitAreErrors(header: String) {
        #expect(throws: ModelFileError.self) { try Safetensors.decode(file(header), path: "m.safetensors") }
    }

    @Test func aTensorThatFitsIsRead() throws {
        let decoded = try Safetensors.decode(file(#"{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}"#), path: "m")
        #expect(decoded["w"]?.shape == [2, 2])
    }
}
