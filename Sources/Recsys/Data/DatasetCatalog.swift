import Foundation

/// What RecBook needs to know to fetch and check a published dataset.
public struct DatasetDescriptor: Hashable, Sendable {
    /// The name used on the command line and in notebooks, e.g. "ml-100k".
    public var name: String
    /// How reports name it, e.g. "MovieLens 100K".
    public var title: String
    /// The official zip.
    public var archiveURL: URL
    /// The folder the zip holds the files in, and the folder created under `data/`.
    public var folderName: String
    /// A file whose presence marks the folder as the dataset, e.g. "u.data".
    public var markerFile: String
    /// Lowercase hex SHA-256 of files, by file name, each checked after unpacking.
    public var sha256: [String: String]
    /// Lowercase hex SHA-256 of the zip itself, checked before unpacking when known.
    public var archiveSHA256: String?
    /// The files installed. A file needs a hash in `sha256` unless `archiveSHA256` vouches for
    /// the whole archive; files of the archive not listed here are not installed.
    public var files: [String]

    public init(name: String, title: String, archiveURL: URL, folderName: String, markerFile: String,
                sha256: [String: String], archiveSHA256: String? = nil, files: [String]? = nil) {
        self.name = name
        self.title = title
        self.archiveURL = archiveURL
        self.folderName = folderName
        self.markerFile = markerFile
        self.sha256 = sha256
        self.archiveSHA256 = archiveSHA256
        self.files = files ?? sha256.keys.sorted()
    }
}

/// The datasets RecBook knows: MovieLens 100K and 1M.
public enum DatasetCatalog {
    /// MovieLens 100K as published by GroupLens. The zip's published MD5 is
    /// 0e33842e24a9c977be4e0107933c0723; RecBook checks each file's SHA-256 instead, which also
    /// catches files damaged or edited after unzipping. The zip also holds the scripts
    /// `allbut.pl` and `mku.sh`, which are not needed and so not installed.
    public static let ml100k = DatasetDescriptor(
        name: "ml-100k",
        title: "MovieLens 100K",
        archiveURL: URL(string: "https://files.grouplens.org/datasets/movielens/ml-100k.zip")!,
        folderName: "ml-100k",
        markerFile: "u.data",
        sha256: [
            "README": "4883b8cf340ed0059971b33f56ad3adc88a40792108ebca3d24aafc4c82e8b52",
            "u.data": "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490",
            "u.genre": "4befebdfeb3547a5cc69d937e35b45ffe55a38d75a1748889617015801387f15",
            "u.info": "5b0a40b2e47a729ee6203063f6dcf8790c2e63f5a18663e6ee318a72c5f3c27b",
            "u.item": "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701",
            "u.occupation": "cd5fbec9afe345d993a62fc7817df1a4a9079c4feb267b3118763b8fd942137d",
            "u.user": "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c",
            "u1.base": "ce253ec86c448b44fb3ba9a30d12dcfc2e9210cbde71efada3730c22e9ac212a",
            "u1.test": "18c6014a4b2c7324f250a63f8904a7b16b2b19f911129e346141507b0cbac950",
            "u2.base": "6c06f0b5df4b256da1a994f3ac66edc8da4d3f09bc9282df6b14d893366d703e",
            "u2.test": "4de658d1e04ed9104629509a2e2528fce833ac8e048280183f1df167632038c3",
            "u3.base": "afdc155c291c6edc41c0407e39d7462eb98d341e064f0b0a12175b80b3c4af5d",
            "u3.test": "0f548b51c78327de4c156461d3e430b7e5579fe2b5681586a59416e48fd35f6d",
            "u4.base": "219f0f4d40dfe9c5141d425f53fa91ee23ed275f14e280bbf1b50117afb064ca",
            "u4.test": "7c02ad0a1e7ab1083c8b9d4b627203a051dd7b5eab46d99fa44de33470de8db9",
            "u5.base": "a9574e59ce961eec2121627760b6e9b0974ce1637b3fe69ac32cb14a4bfab485",
            "u5.test": "351cc52e0d15b6c721466276fc24671d40936899e3d01fadeaf312915b8c5634",
            "ua.base": "67b5bcdb380c29f85d56a012ecd88612ae020f30a6730d117a334ee8203b91f2",
            "ua.test": "d0497e202417720f57a184ec8c66be2d1afa4ff41bb53787c57b28d6bf79bc42",
            "ub.base": "237254d253b6ad7de84f919d041055428646254f34ed8f562703c899430cd881",
            "ub.test": "d54a72d05730d5892062734b2bec73e976f9b713d18c828a18b968d6cce442da",
        ])

    /// MovieLens 1M as published by GroupLens. GroupLens publishes only the zip's MD5
    /// (c4d9eecfca2ab87c1945afe126590906); the zip's SHA-256 below is the one dataset loaders
    /// pin in public code (TensorFlow Model Garden's and Keras's MovieLens examples among them),
    /// and RecBook checks it before unpacking. Of the files, only `ratings.dat` has a SHA-256
    /// that several independent sources agree on; the values circulating for `movies.dat` and
    /// `users.dat` contradict each other, so those two (and the README) are vouched for by the
    /// archive's hash alone.
    public static let ml1m = DatasetDescriptor(
        name: "ml-1m",
        title: "MovieLens 1M",
        archiveURL: URL(string: "https://files.grouplens.org/datasets/movielens/ml-1m.zip")!,
        folderName: "ml-1m",
        markerFile: "ratings.dat",
        sha256: ["ratings.dat": "506d64ca44484487c11dc2d9a28de5c54948213e6b96285e298afe28d6ea4e0f"],
        archiveSHA256: "a6898adb50b9ca05aa231689da44c217cb524e7ebd39d264c56e2832f2c54e20",
        files: ["README", "movies.dat", "ratings.dat", "users.dat"])

    public static let all = [ml100k, ml1m]

    /// The dataset called `name`.
    public static func named(_ name: String) throws(DataError) -> DatasetDescriptor {
        guard let dataset = all.first(where: { $0.name == name }) else {
            throw .unknownDataset(name: name, known: all.map(\.name))
        }
        return dataset
    }
}
