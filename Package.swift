// swift-tools-version:6.0
import PackageDescription

// The pipeline, bottom to top:
//   Notebook (parse) → Kernel (execute, on Engine + Recsys) → Report (render, with Charts)
// Each target knows only the ones listed in its `dependencies`.
// Engine's kernels are written for 8-wide vectors; without AVX2/FMA (the x86-64 baseline is
// SSE2) they run about half as fast. Other architectures build with their compiler's default.
#if arch(x86_64)
let engineCPUSettings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux]))]
#else
let engineCPUSettings: [SwiftSetting] = []
#endif

let package = Package(
    name: "RecBook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "recbook", targets: ["recbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // System libraries, installed from Debian's packages (see README).
        .systemLibrary(name: "CMarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CGD", providers: [.apt(["libgd-dev"])]),
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq", providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "Notebook", dependencies: ["CMarkGFM"]),
        .target(name: "CPrefetch"),
        .target(name: "Engine", dependencies: ["COpenBLAS", "CPrefetch"],
                swiftSettings: [.unsafeFlags(["-Ounchecked"])] + engineCPUSettings),
        .target(name: "Recsys", dependencies: ["Engine", "ZIPFoundation", "COpenSSL"]),
        .target(name: "Figures"),
        .target(name: "Kernel", dependencies: ["Notebook", "Engine", "Recsys", "Figures"]),
        .target(name: "Charts", dependencies: ["Figures", "CGD"]),
        .target(name: "Report", dependencies: ["Kernel", "Notebook", "Recsys", "Figures", "Charts", "CMarkGFM"]),
        // `recbook serve`'s HTTP/1.1: bounded, linear-time request parsing over FlyingSocks.
        .target(name: "LoopbackHTTP", dependencies: [.product(name: "FlyingSocks", package: "FlyingFox")]),
        .executableTarget(name: "recbook", dependencies: [
            "Engine",
            "Report", "Kernel", "Notebook", "Recsys", "Charts", "Figures", "CZeroMQ",
            "LoopbackHTTP",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "Benchmarks", dependencies: ["Engine", "Recsys"]),

        .testTarget(name: "NotebookTests", dependencies: ["Notebook"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RecsysTests", dependencies: ["Recsys", "Engine"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Figures"]),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "Notebook", "Recsys"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Kernel", "Notebook", "Figures"]),
        .testTarget(name: "LoopbackHTTPTests", dependencies: ["LoopbackHTTP"]),
        .testTarget(name: "EndToEndTests", dependencies: ["recbook", "Recsys"]),
    ],
    swiftLanguageModes: [.v5]
)
