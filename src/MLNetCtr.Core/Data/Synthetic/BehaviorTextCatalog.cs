namespace MLNetCtr.Data.Synthetic;

/// <summary>The kinds of textual behavior, one text sequence column each, in column order.</summary>
internal enum BehaviorKind
{
    /// <summary><c>click_texts</c>.</summary>
    Click,

    /// <summary><c>purchase_texts</c>.</summary>
    Purchase,

    /// <summary><c>search_texts</c>.</summary>
    Search,
}

/// <summary>One concept: a thing users click, buy or search, with its paraphrases (surface forms).</summary>
internal sealed record BehaviorConcept(int Topic, IReadOnlyList<string> Forms);

/// <summary>
/// The English vocabulary of <see cref="ScenarioKind.BehaviorText"/>: 24 topics of 10 concepts, each concept with
/// three paraphrases (<see cref="ConceptTable"/>), and eight paraphrase templates per behavior kind
/// (<see cref="Templates"/>). A behavior text is a template applied to a form: "bought {0}" + "Starbucks coffee".
/// </summary>
internal sealed class BehaviorTextCatalog
{
    /// <summary>Eight templates per <see cref="BehaviorKind"/>, each with a verb phrase that no other template shares.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> Templates =
    [
        ["viewed {0}", "clicked on {0}", "looked at {0}", "opened the page for {0}", "watched a video about {0}", "read reviews of {0}", "browsed {0}", "tapped an ad for {0}"],
        ["bought {0}", "purchased {0}", "ordered {0} online", "paid for {0}", "placed an order for {0}", "got {0} delivered", "picked up {0} in store", "subscribed to a deal on {0}"],
        ["searched {0}", "searched for {0}", "looked up {0}", "googled {0}", "searched best {0}", "typed {0} into the search bar", "searched cheap {0}", "asked for {0} recommendations"],
    ];

    /// <summary>Shop-listing words that, put before a form, name an item: "bestselling running shoes".</summary>
    public static readonly IReadOnlyList<string> ItemAdjectives =
    [
        "premium", "budget", "bestselling", "top rated", "popular", "discounted", "new", "recommended",
        "trending", "affordable", "best value", "exclusive", "seasonal", "highly rated", "classic", "everyday",
    ];

    /// <summary>
    /// One topic per line, <c>topic: concept; concept; …</c>, each concept <c>form / form / form</c>. Forms hold no
    /// comma, quote or <c>|</c>, so texts never need CSV quoting nor clash with the sequence separator.
    /// </summary>
    private const string ConceptTable = """
        coffee: latte / cafe latte / milky espresso drink; cold brew / iced coffee / chilled coffee; espresso beans / whole bean coffee / dark roast beans; Starbucks coffee / coffee from Starbucks / Starbucks latte; coffee maker / drip coffee machine / filter coffee brewer; espresso machine / home espresso maker / barista machine; coffee mug / ceramic mug / insulated travel mug; matcha latte / green tea latte / matcha drink; coffee grinder / burr grinder / bean grinder; oat milk / plant milk for coffee / barista oat milk
        running: running shoes / jogging sneakers / trainers for running; running shorts / jogging shorts / athletic shorts; GPS running watch / running watch / sports watch with GPS; marathon registration / marathon entry / race sign up; running socks / athletic socks / cushioned sports socks; running jacket / windbreaker for running / lightweight running shell; hydration vest / running water pack / hydration pack; energy gels / running gels / endurance gels; foam roller / muscle roller / recovery roller; running headlamp / headlamp for night runs / night running light
        smartphones: iPhone / Apple phone / latest iPhone; Android phone / Samsung Galaxy / Android smartphone; phone case / protective phone case / smartphone cover; screen protector / tempered glass protector / glass screen guard; phone charger / fast charger / USB C charger; wireless earbuds / bluetooth earbuds / AirPods; power bank / portable charger / battery pack; phone plan / mobile data plan / cell phone plan; phone stand / desk phone holder / phone dock; smartwatch / Apple Watch / smart watch
        gaming: video game console / PlayStation / gaming console; game controller / wireless gamepad / joystick controller; gaming headset / headset with mic / gaming headphones; gaming laptop / laptop for games / high performance laptop; Nintendo Switch games / Switch games / Nintendo games; gaming chair / ergonomic gaming seat / racing style chair; mechanical keyboard / gaming keyboard / RGB keyboard; gaming mouse / wireless mouse for games / esports mouse; graphics card / GPU / video card; game gift card / gaming gift card / game store credit
        baking: stand mixer / KitchenAid mixer / electric mixer; bread flour / baking flour / all purpose flour; cake pan / baking tin / round cake mold; sourdough starter / bread starter / natural yeast starter; cookie cutters / biscuit cutters / cookie shapes; vanilla extract / pure vanilla / vanilla essence; cupcake liners / muffin cups / paper baking cups; rolling pin / dough roller / pastry pin; cake decorating kit / icing set / piping bags; baking sheet / cookie sheet / oven tray
        travel: flight tickets / plane tickets / airline tickets; hotel booking / hotel room / hotel stay; carry on suitcase / cabin luggage / hand luggage bag; travel insurance / trip insurance / holiday insurance; beach resort / seaside resort / all inclusive resort; city tour / guided city tour / sightseeing tour; rental car / car hire / hire car; passport holder / travel wallet / document organizer; travel pillow / neck pillow / airplane pillow; train tickets / rail pass / railway tickets
        dogs: dog food / kibble for dogs / dry dog food; dog leash / dog lead / walking leash; dog bed / orthopedic dog bed / dog cushion; chew toys / dog toys / rubber chew bone; puppy training pads / pee pads / potty pads; dog grooming / dog groomer appointment / pet grooming; dog treats / training treats / dog biscuits; dog harness / no pull harness / dog vest harness; dog shampoo / pet shampoo / grooming shampoo for dogs; dog crate / pet kennel / dog cage
        cats: cat food / wet cat food / canned cat food; cat litter / clumping litter / kitty litter; scratching post / cat scratcher / cat tree; cat toys / feather wand / toy mice; litter box / covered litter box / self cleaning litter box; cat carrier / pet carrier / travel crate for cats; cat treats / kitty treats / catnip treats; cat fountain / pet water fountain / drinking fountain for cats; cat bed / cozy cat cushion / heated cat bed; flea treatment / flea drops / anti flea collar
        gardening: garden hose / water hose / expandable hose; vegetable seeds / seeds for vegetables / seed packets; potting soil / compost / garden soil; pruning shears / garden clippers / secateurs; lawn mower / grass cutter / cordless mower; flower pots / planters / terracotta pots; tomato plants / tomato seedlings / cherry tomato plant; gardening gloves / garden gloves / thorn proof gloves; fertilizer / plant food / organic fertilizer; raised garden bed / planter box / raised bed kit
        fitness: dumbbells / hand weights / free weights; yoga mat / exercise mat / workout mat; gym membership / fitness club pass / gym pass; protein powder / whey protein / protein shake mix; resistance bands / exercise bands / workout bands; kettlebell / cast iron kettlebell / kettle bell weight; treadmill / running machine / home treadmill; jump rope / skipping rope / speed rope; pull up bar / doorway pull up bar / chin up bar; fitness tracker / Fitbit / activity tracker
        books: mystery novel / crime thriller / detective novel; cookbook / recipe book / cooking book; science fiction book / sci fi novel / space opera novel; self help book / personal growth book / motivational book; children's picture book / kids picture book / bedtime story book; biography / memoir / life story book; e-reader / Kindle / ebook reader; audiobook / audio book / Audible book; fantasy novel / epic fantasy book / dragon fantasy novel; history book / world history book / book about history
        music: guitar / acoustic guitar / six string guitar; guitar strings / steel strings / replacement strings; digital piano / electric keyboard / piano keyboard; concert tickets / live concert tickets / gig tickets; vinyl records / LP records / vinyl albums; studio headphones / over ear headphones / monitor headphones; music streaming subscription / Spotify Premium / streaming music plan; bluetooth speaker / portable speaker / wireless speaker; ukulele / soprano ukulele / small four string guitar; drum kit / drum set / electronic drums
        skincare: moisturizer / face cream / facial moisturizer; sunscreen / SPF lotion / sun cream; face serum / vitamin C serum / skin serum; cleanser / face wash / facial cleanser; lip balm / lip care stick / chapstick; sheet masks / face masks / hydrating masks; eye cream / under eye cream / anti aging eye cream; retinol cream / retinol serum / night retinol treatment; hand cream / hand lotion / moisturizing hand cream; makeup remover / micellar water / cleansing water
        cooking: cast iron skillet / frying pan / cast iron pan; chef knife / kitchen knife / cooking knife; olive oil / extra virgin olive oil / cooking oil; spice set / spice rack / seasoning set; air fryer / hot air fryer / oil free fryer; rice cooker / electric rice cooker / rice maker; cutting board / chopping board / wooden board; pasta maker / pasta machine / fresh pasta roller; meal kit / meal delivery kit / dinner kit; Instant Pot / pressure cooker / multi cooker
        cycling: road bike / racing bicycle / road bicycle; mountain bike / MTB / trail bike; bike helmet / cycling helmet / bicycle helmet; bike lights / bicycle lights / front and rear lights; bike lock / bicycle lock / U lock; cycling jersey / bike jersey / cycling shirt; bike pump / bicycle pump / tire inflator; electric bike / e-bike / electric bicycle; bike repair kit / puncture kit / tire repair kit; cycling shoes / clip in shoes / bike shoes
        camping: camping tent / two person tent / backpacking tent; sleeping bag / camping sleeping bag / down sleeping bag; camping stove / portable stove / gas burner; camping chair / folding chair / camp chair; cooler box / ice chest / portable cooler; camping lantern / LED lantern / battery lantern; campsite reservation / campground booking / camping pitch; hiking backpack / trekking pack / daypack; water filter / portable water filter / purification bottle; hammock / camping hammock / travel hammock
        photography: mirrorless camera / digital camera / interchangeable lens camera; camera lens / zoom lens / prime lens; tripod / camera tripod / travel tripod; memory card / SD card / camera storage card; camera bag / photo backpack / camera case; drone / camera drone / quadcopter; photo editing software / Lightroom / photo editor; instant camera / Polaroid camera / instax camera; ring light / selfie light / LED ring light; photo prints / printed photos / photo book
        home decor: throw pillows / cushion covers / decorative pillows; area rug / living room rug / floor rug; wall art / canvas print / framed art; table lamp / bedside lamp / desk lamp; scented candles / aroma candles / candle set; curtains / window drapes / blackout curtains; house plants / indoor plants / potted plants; picture frames / photo frames / gallery frames; wall mirror / decorative mirror / round mirror; bookshelf / book shelf / shelving unit
        baby: diapers / nappies / baby diapers; baby stroller / pram / pushchair; baby formula / infant formula / baby milk powder; infant car seat / baby car seat / car seat for babies; baby monitor / video baby monitor / nursery camera; baby wipes / wet wipes / sensitive wipes; crib / baby cot / infant bed; baby bottles / feeding bottles / anti colic bottles; teething toys / teether / teething ring; baby carrier / baby sling / infant carrier
        womens fashion: summer dress / floral dress / sundress; high heels / heeled shoes / stilettos; handbag / leather handbag / shoulder bag; skinny jeans / slim fit jeans / stretch jeans; earrings / gold earrings / stud earrings; winter coat / wool coat / long coat; ankle boots / leather boots / chelsea boots; swimsuit / bikini / one piece swimsuit; silk scarf / printed scarf / neck scarf; sunglasses / designer sunglasses / shades
        mens fashion: dress shirt / button down shirt / formal shirt; suit / business suit / tailored suit; white sneakers / casual sneakers / canvas trainers; leather belt / dress belt / belt for men; wristwatch / analog watch / mens watch; hoodie / hooded sweatshirt / pullover hoodie; chinos / khaki pants / casual trousers; necktie / silk tie / tie for men; wallet / leather wallet / bifold wallet; polo shirt / polo / pique polo
        cars: car tires / tyres / winter tires; motor oil / engine oil / synthetic oil; car wash / car cleaning / auto detailing; dash cam / dashboard camera / car camera; car insurance / auto insurance / vehicle insurance; car phone holder / phone mount for car / dashboard phone mount; car battery / auto battery / replacement battery; seat covers / car seat covers / upholstery covers; used car / second hand car / pre owned car; EV charger / home charging station / electric car charger
        movies: movie tickets / cinema tickets / film tickets; Netflix subscription / video streaming plan / movie streaming service; horror movie / scary movie / horror film; romantic comedy / rom com / romance film; superhero movie / Marvel movie / comic book film; documentary / nature documentary / documentary film; animated movie / cartoon film / Pixar movie; home theater projector / movie projector / projector; popcorn maker / popcorn machine / home popcorn popper; Blu-ray / Blu-ray disc / movie on disc
        hiking: hiking boots / trail boots / trekking boots; trekking poles / hiking poles / walking sticks; trail map / hiking map / topographic map; rain jacket / waterproof jacket / shell jacket; hiking socks / wool socks / merino socks; water bottle / insulated bottle / reusable bottle; national park pass / park permit / annual park pass; trail snacks / trail mix / energy bars; hiking guidebook / trail guide / hiking guide; first aid kit / trail first aid kit / emergency kit
        """;

    public BehaviorTextCatalog()
    {
        var topics = new List<string>();
        var concepts = new List<BehaviorConcept>();
        foreach (string line in ConceptTable.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = line.IndexOf(':');
            topics.Add(line[..colon].Replace(' ', '_'));
            foreach (string concept in line[(colon + 1)..].Split(';', StringSplitOptions.TrimEntries))
            {
                concepts.Add(new BehaviorConcept(topics.Count - 1, concept.Split('/', StringSplitOptions.TrimEntries)));
            }
        }
        Topics = topics;
        Concepts = concepts;
        ConceptsOfTopic = Enumerable.Range(0, topics.Count).Select(t => Enumerable.Range(0, concepts.Count).Where(c => concepts[c].Topic == t).ToArray()).ToArray();
    }

    /// <summary>Topic names, as category tokens (spaces become underscores).</summary>
    public IReadOnlyList<string> Topics { get; }

    public IReadOnlyList<BehaviorConcept> Concepts { get; }

    /// <summary>Concept indices of each topic.</summary>
    public int[][] ConceptsOfTopic { get; }
}
