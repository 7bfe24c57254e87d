import Testing
import DarkroomCore
import Foundation

@Suite struct SweepAxisTests {
    /// One wording for a parameter's value wherever it is shown: captions, the gallery, the preview.
    @Test func eachParameterIsNamedOneWay() {
        var parameters = GenerationParameters(prompt: "a lighthouse", model: ModelCatalog.defaultModel, cfgScale: 7.5, steps: 30, seed: 42,
                                              size: ImageSize(width: 1024, height: 1024), stylePreset: "anime", sampler: "K_EULER")
        #expect(SweepParameter.allCases.map { parameters.fact($0) } == [
            "cfg 7.5", "30 steps", "1024x1024", "style anime", "K_EULER", "SDXL 1.0", "seed 42",
        ])
        parameters.cfgScale = 7
        #expect(parameters.fact(.cfgScale) == "cfg 7")
        (parameters.cfgScale, parameters.steps, parameters.seed, parameters.stylePreset, parameters.sampler) = (nil, nil, nil, nil, nil)
        #expect(SweepParameter.allCases.compactMap { parameters.fact($0) } == ["1024x1024", "SDXL 1.0"])
    }

    @Test func listsKeepTheirOrderAndType() throws {
        let axis = try SweepAxis.parse("cfg_scale=4, 7.5,10")
        #expect(axis.kind == .parameter(.cfgScale))
        #expect(axis.values == [.cfgScale(4), .cfgScale(7.5), .cfgScale(10)])
        #expect(axis.labels == ["4", "7.5", "10"])
    }

    @Test func inclusiveRangesWithAStep() throws {
        #expect(try SweepAxis.parse("steps=20-50:10").values == [.steps(20), .steps(30), .steps(40), .steps(50)])
        #expect(try SweepAxis.parse("steps=20-45:10").values == [.steps(20), .steps(30), .steps(40)])
        #expect(try SweepAxis.parse("cfg=4-10:1.5").labels == ["4", "5.5", "7", "8.5", "10"])
        #expect(try SweepAxis.parse("seed=1-3").values == [.seed(1), .seed(2), .seed(3)])
        // Ranges and single values mix in one list.
        #expect(try SweepAxis.parse("steps=10,20-30:10,150").labels == ["10", "20", "30", "150"])
    }

    @Test func badRangesNameTheAxisAndValue() {
        #expect(throws: SweepError.invalidValue(axis: "steps", value: "50-20", reason: "a range runs from the smaller value to the larger")) {
            try SweepAxis.parse("steps=50-20")
        }
        #expect(throws: SweepError.invalidValue(axis: "steps", value: "20-50:0", reason: "the step must be above 0")) {
            try SweepAxis.parse("steps=20-50:0")
        }
        #expect(throws: SweepError.tooManyImages(count: 4_294_967_296, limit: 64)) {
            try SweepAxis.parse("seed=0-4294967295")
        }
        do {
            _ = try SweepAxis.parse("cfg_scale=0-1:0.0000000000000000001")
            Issue.record("a range of about 1e19 values was accepted")
        } catch {
            #expect(error.description.hasPrefix("The sweep makes more than 1000000000000 images but at most 64 are allowed"), "\(error)")
        }
    }

    @Test func valuesOfTheWrongKindAreRefusedByName() {
        #expect(throws: SweepError.invalidValue(axis: "steps", value: "many", reason: "expected a whole number")) {
            try SweepAxis.parse("steps=20,many")
        }
        #expect(throws: SweepError.invalidValue(axis: "size", value: "big", reason: "expected WIDTHxHEIGHT, such as 1024x1024")) {
            try SweepAxis.parse("size=1024x1024,big")
        }
    }

    @Test func unknownAxisIsRefused() {
        #expect(throws: SweepError.unknownAxis("colour")) { try SweepAxis.parse("colour=red,blue") }
        let error = SweepError.unknownAxis("colour")
        #expect(error.description.contains("cfg_scale"))
        #expect(throws: SweepError.self) { try SweepAxis.parse("cfg_scale 4,7") }
    }

    @Test func searchReplaceKeepsTheSearchTextFirst() throws {
        let axis = try SweepAxis.parse("S/R lighthouse, windmill,castle")
        #expect(axis.kind == .searchReplace)
        #expect(axis.name == "S/R")
        #expect(axis.labels == ["lighthouse", "windmill", "castle"])
        let base = GenerationParameters(prompt: "a lighthouse at dusk, the lighthouse lit", negativePrompt: "lighthouse keeper")
        #expect(axis.values[2].applied(to: base).prompt == "a castle at dusk, the castle lit")
        #expect(axis.values[2].applied(to: base).negativePrompt == "castle keeper")
        #expect(axis.values[0].applied(to: base) == base)
        #expect(throws: SweepError.self) { try SweepAxis.parse("S/R lighthouse") }
    }

    @Test func promptFilesSkipBlanksAndComments() throws {
        let axis = try SweepAxis.prompts(fromFile: "# fruit\na pear\n\n  a plum  \n#a fig\n")
        #expect(axis.labels == ["a pear", "a plum"])
        #expect(throws: SweepError.self) { try SweepAxis.prompts(fromFile: "# only comments\n\n") }
    }

    @Test func promptFilesSavedOnWindowsSplitIntoLines() throws {
        let axis = try SweepAxis.prompts(fromFile: "# fruit\r\na pear\r\n\r\na plum\r\n")
        #expect(axis.labels == ["a pear", "a plum"])
    }
}

@Suite struct SweepPlanTests {
    let base = GenerationParameters(prompt: "a lighthouse", seed: 42)

    /// SDXL reads seed 0 as "draw one": a cell labelled seed=0 would hold a random seed. Amazon models take 0 as a seed.
    @Test func aSeedAxisRefusesZeroForModelsThatDrawForIt() throws {
        #expect(throws: SweepError.self) { try SweepPlan.make(base: base, axes: [try .parse("seed=0,1,2")]) }
        let titan = GenerationParameters(prompt: "a lighthouse", model: "amazon.titan-image-generator-v2:0", seed: 42)
        let plan = try SweepPlan.make(base: titan, axes: [try .parse("seed=0,1")])
        #expect(plan.cells.map(\.parameters.seed) == [0, 1])
    }

    @Test func xAndYMakeOneGridWithTheSameSeed() throws {
        let plan = try SweepPlan.make(base: base, axes: [try .parse("cfg_scale=4,7,10"), try .parse("steps=20,30")])
        #expect(plan.columns == 3 && plan.rows == 2 && plan.pages == 1)
        #expect(plan.cells.count == 6)
        #expect(Set(plan.cells.map(\.parameters.seed)) == [42])
        let cell = try #require(plan.cell(x: 2, y: 1))
        #expect(cell.parameters.cfgScale == 10 && cell.parameters.steps == 30)
        #expect(cell.values.map(\.label) == ["10", "30"])
        // Row-major: the first row is steps 20 across cfg 4, 7, 10.
        #expect(plan.cells.prefix(3).map(\.parameters.cfgScale) == [4, 7, 10])
        #expect(plan.cells.prefix(3).allSatisfy { $0.parameters.steps == 20 })
        #expect(plan.caption.contains("seed 42") && !plan.caption.contains("steps") && plan.caption.contains("SDXL 1.0"))
    }

    @Test func zMakesOneGridPerValue() throws {
        let plan = try SweepPlan.make(base: base, axes: [
            try .parse("cfg=5,9"), try .parse("steps=20,40"), try .parse("style=anime,origami,pixel-art"),
        ])
        #expect(plan.pages == 3 && plan.cells.count == 12)
        #expect(plan.cell(x: 1, y: 0, z: 2)?.parameters.stylePreset == "pixel-art")
        #expect(plan.cell(x: 1, y: 0, z: 2)?.parameters.cfgScale == 9)
        #expect(plan.cell(x: 0, y: 0, z: 3) == nil)
    }

    @Test func aMissingSeedIsDrawnOnceForAllCells() throws {
        var generator = SplitMix(state: 7)
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a pear"), axes: [try .parse("steps=20,30,40")],
                                      limits: .standard, seedGenerator: &generator)
        let seeds = Set(plan.cells.map(\.parameters.seed))
        #expect(seeds.count == 1)
        #expect(plan.base.seed == seeds.first ?? nil)
        #expect(seeds.first != nil && seeds.first != 0)
    }

    @Test func valuesOutsideTheModelsLimitsNameAxisAndValue() {
        #expect {
            try SweepPlan.make(base: base, axes: [try .parse("cfg_scale=4,40")])
        } throws: { error in
            guard case .invalidValue(let axis, let value, let reason) = error as? SweepError else { return false }
            return axis == "cfg_scale" && value == "40" && reason.contains("0 to 35")
        }
        #expect {
            try SweepPlan.make(base: base, axes: [try .parse("size=1024x1024,1000x1000")])
        } throws: { error in
            guard case .invalidValue(let axis, let value, _) = error as? SweepError else { return false }
            return axis == "size" && value == "1000x1000"
        }
        #expect {
            try SweepPlan.make(base: base, axes: [try .parse("style=anime,watercolour")])
        } throws: { error in
            guard case .invalidValue(let axis, let value, _) = error as? SweepError else { return false }
            return axis == "style" && value == "watercolour"
        }
    }

    @Test func aParameterTheModelDoesNotTakeIsRefused() {
        let nova = GenerationParameters(prompt: "a pear", model: ModelDescriptor.novaCanvas.id, seed: 1)
        #expect {
            try SweepPlan.make(base: nova, axes: [try .parse("steps=20,30")])
        } throws: { error in
            guard case .notTakenByModel(let axis, _) = error as? SweepError else { return false }
            return axis == "steps"
        }
    }

    @Test func modelAxisChecksEachModelsLimits() throws {
        let plan = try SweepPlan.make(base: GenerationParameters(prompt: "a pear", seed: 5),
                                      axes: [try .parse("model=stability.stable-diffusion-xl-v1,amazon.nova-canvas-v1:0"), try .parse("cfg=5,9")])
        #expect(plan.cells.map(\.parameters.model.rawValue).prefix(2) == ["stability.stable-diffusion-xl-v1", "amazon.nova-canvas-v1:0"])
        #expect(plan.cells.allSatisfy { $0.parameters.seed == 5 })
        #expect {
            try SweepPlan.make(base: base, axes: [try .parse("model=stability.stable-diffusion-xl-v1,amazon.nova-canvas-v1:0"), try .parse("cfg=5,20")])
        } throws: { error in
            guard case .invalidValue(let axis, let value, let reason) = error as? SweepError else { return false }
            return axis == "cfg_scale" && value == "20" && reason.contains("Nova Canvas")
        }
        #expect(throws: SweepError.self) { try SweepPlan.make(base: base, axes: [try .parse("model=openai.dall-e")]) }
    }

    @Test func tooManyCellsAreRefusedUnlessTheSettingsRaiseTheLimit() throws {
        let axes = [try SweepAxis.parse("steps=10-150:10"), try SweepAxis.parse("cfg=1-5")]  // 15 x 5 = 75
        #expect(throws: SweepError.tooManyImages(count: 75, limit: 64)) { try SweepPlan.make(base: base, axes: axes) }
        let plan = try SweepPlan.make(base: base, axes: axes, limits: SweepLimits(maxImages: 100))
        #expect(plan.cells.count == 75)
    }

    @Test func duplicateAndTooManyAxesAreRefused() throws {
        #expect(throws: SweepError.duplicateAxis("cfg_scale")) {
            try SweepPlan.make(base: base, axes: [try .parse("cfg=4,7"), try .parse("cfg_scale=10")])
        }
        #expect(throws: SweepError.tooManyAxes(4)) {
            try SweepPlan.make(base: base, axes: [try .parse("cfg=4"), try .parse("steps=20"), try .parse("style=anime"), try .parse("sampler=DDIM")])
        }
    }

    @Test func aValueGivenTwiceIsRefusedNamingIt() throws {
        let twice = "it is given twice, and two cells with the same parameters make the same image; give each value once"
        #expect(throws: SweepError.invalidValue(axis: "cfg_scale", value: "4", reason: twice)) {
            try SweepPlan.make(base: base, axes: [try .parse("cfg=4,7,4.0")])
        }
        // A range and a list that overlap, on the second axis.
        #expect(throws: SweepError.invalidValue(axis: "steps", value: "30", reason: twice)) {
            try SweepPlan.make(base: base, axes: [try .parse("cfg=4,7"), try .parse("steps=20-40:10,30")])
        }
        #expect(throws: SweepError.invalidValue(axis: "prompt", value: "a fox", reason: twice)) {
            try SweepPlan.make(base: base, axes: [try SweepAxis.prompts(fromFile: "a fox\na hare\n  a fox\n")])
        }
        #expect(try SweepPlan.make(base: base, axes: [try .parse("seed=1-3")]).cells.count == 3)
    }

    @Test func searchReplaceNeedsItsTextInThePrompt() throws {
        let plan = try SweepPlan.make(base: base, axes: [try .parse("S/R lighthouse,windmill,castle")])
        #expect(plan.cells.map(\.parameters.prompt) == ["a lighthouse", "a windmill", "a castle"])
        #expect(!plan.caption.contains("lighthouse"))
        #expect(throws: SweepError.invalidValue(axis: "S/R", value: "barn", reason: "the prompt does not contain it, so nothing would be replaced")) {
            try SweepPlan.make(base: base, axes: [try .parse("S/R barn,windmill")])
        }
    }

    @Test func manifestListsEveryCellPendingAndRoundTrips() throws {
        let plan = try SweepPlan.make(base: base, axes: [try .parse("cfg_scale=4,7,10"), try .parse("steps=20,30")])
        var random = SplitMix(state: 1)
        let manifest = SweepManifest(plan: plan, id: SweepManifest.makeID(date: Date(timeIntervalSince1970: 0), seed: 42, random: &random))
        #expect(manifest.id.hasPrefix("19700101T000000Z-42-"))
        #expect(manifest.key == "output-sweeps/\(manifest.id).json")
        #expect(manifest.axes.map(\.name) == ["cfg_scale", "steps"])
        #expect(manifest.cells.count == 6 && manifest.cells.allSatisfy { $0.status == .pending })
        #expect(SweepManifest.decode(manifest.encoded()) == manifest)
    }
}

@Suite struct ModelPricingTests {
    @Test func everyCatalogModelHasADatedSourcedPrice() throws {
        for model in ModelCatalog.all {
            let price = try #require(ModelPricing.price(for: model.id), "\(model.id)")
            #expect(!price.source.isEmpty && price.date.count == 10)
            var parameters = model.defaults
            parameters.prompt = "x"
            #expect(price.dollars(for: parameters) != nil)
        }
    }

    @Test func sdxlCostsMoreAboveFiftySteps() throws {
        let cheap = GenerationParameters(prompt: "x", steps: 50)
        let dear = GenerationParameters(prompt: "x", steps: 51)
        let estimate = ModelPricing.estimate([cheap, dear, cheap])
        #expect(abs(estimate.dollars - 0.16) < 1e-9)
        #expect(estimate.description.hasPrefix("3 images, estimated $0.16"))
        #expect(estimate.description.contains("estimate"))
    }

    @Test func unknownModelsSaySo() {
        let estimate = ModelPricing.estimate([GenerationParameters(prompt: "x", model: "example.future-model-v9")])
        #expect(!estimate.isComplete)
        #expect(estimate.description.contains("unknown"))
        let titan = ModelPricing.estimate([GenerationParameters(prompt: "x", model: ModelDescriptor.titanImageV2.id, size: ImageSize(width: 512, height: 512))])
        #expect(titan.description.hasPrefix("1 image, estimated $0.008"))
    }
}
