"""The demo posts, written by hand for tactful (fictional people, fictional airlines).

Every text here was written for this project; none is copied from a data set.
``generate.py`` places them into the four export formats; this module only says
what each post says and what kind of post it is meant to be.

Placeholders, filled per platform by the generator:
``{brand}`` Skylark's handle as people mention it (``@SkylarkHelp``,
``@skylarkair.bsky.social``, ``@skylark@social.example``), ``{northwind}`` and
``{bluejay}`` the competitors' handles. A post without a placeholder does not
address anyone.

Sections hold one post per line. Thread sections hold one thread per line,
its turns separated by `` || ``: the customer, the brand, the customer, ...
"""

# ruff: noqa: E501  (one post per line: a post is data, not code to wrap)

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """A group of posts written with one intent in mind."""

    name: str
    kind: str  # what the post is for the demo: complaint, question, praise, offtopic, ...
    intent: str  # the intended intent label: complaint / question / praise / suggestion / other
    group: str | None  # the query group that should keep it, or None when no query should
    aspect: str | None = None  # airline aspect, when one is clear
    lang: str = "en"
    platforms: tuple[str, ...] = ()  # empty: any platform that fits
    day: str | None = None  # a fixed day (YYYY-MM-DD), e.g. the storm
    texts: tuple[str, ...] = field(default_factory=tuple)


def _lines(block: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


def split_label(text: str, default: str) -> tuple[str, str]:
    """A line may start with ``[intent]`` when it differs from its section's; return (intent, text)."""
    if text.startswith("["):
        label, _, rest = text[1:].partition("] ")
        return label, rest
    return default, text


STORM_DAY = "2026-03-10"

_SECTIONS: list[Section] = []


def section(name: str, kind: str, intent: str, group: str | None, block: str, **options: object) -> None:
    _SECTIONS.append(Section(name, kind, intent, group, texts=_lines(block), **options))  # type: ignore[arg-type]


# fmt: off
# --- complaints addressed to Skylark -------------------------------------------------------------

section("complaint.delay", "complaint", "complaint", "brand", """
{brand} flight 482 to Lisbon delayed again. third time this month, I'm starting to think the timetable is a work of fiction
{brand} sat at gate 14 for two hours with zero updates. a single announcement would cost you nothing
{brand} your app says on time, the board says delayed 90 min, the gate agent says "no idea". which one do I believe?
{brand} 45 minute delay turned into 3 hours and now I've missed my connection in Denver. what now?
delayed again {brand}. I'm going to miss my daughter's recital because of a "crew scheduling issue"
{brand} we boarded, sat on the tarmac for 80 minutes with the air off, then got told to deplane. unreal
{brand} is there any reason the 7am Dublin departure has left late every single day this week?
{brand} delay notification arrived 20 minutes AFTER the original departure time. what's the point of it
hey {brand} my mum is 78 and has been stuck at the gate since noon with no food voucher. please sort this out
{brand} 4 hour delay and the only compensation offered is a €5 snack voucher. that buys half a sandwich in this airport
{brand} you changed my departure time three times in one day. I had to rebook the hotel twice
{brand} "short technical delay" is now at the two hour mark. define short
honestly {brand} a 6am flight that leaves at 10:40 is not a 6am flight
{brand} delayed 2h on the way out, delayed 3h on the way back. consistency I guess
{brand} is flight 219 actually going to leave today? the gate has been changed four times
""")

section("complaint.cancellation", "complaint", "complaint", "brand", aspect="cancellation", block="""
{brand} cancelled my flight by text at 1am and rebooked me for Thursday. I have a job, I can't just stay two extra days
{brand} you cancelled the Porto flight and the rebooking link just loops back to the homepage
{brand} flight cancelled, no hotel, no voucher, told to "check the website". we have two small kids with us
{brand} cancelled for "operational reasons" while the exact same route on the board is flying. explain that please
{brand} that's the second cancellation on this trip. I'm never booking a connection through you again
{brand} you cancelled our honeymoon flight and the earliest alternative is 3 days later. we are devastated
{brand} why does cancelling MY flight take 5 minutes online but cancelling YOUR flight means I wait 2 hours on the phone?
{brand} got rebooked after a cancellation onto a flight that departs before the one you cancelled. it's already gone
{brand} my flight was cancelled and the app still shows me checked in. is anyone going to tell me what to do
{brand} cancelled 40 minutes before boarding. everyone at the gate just looking at each other
""")

section("complaint.baggage", "complaint", "complaint", "brand", aspect="baggage", block="""
{brand} my suitcase has been "located" for six days now but somehow still not delivered. where is it physically?
{brand} bag arrived with the handle ripped off and a wheel missing. how do I file a damage claim?
{brand} landed in Edinburgh, my bag went to Oslo apparently. tracking page just says "in transit" since Monday
{brand} day 4 without my luggage. I'm wearing the same jeans to a work conference. please help
{brand} where is my luggage? flight from Boston yesterday, file reference from the desk doesn't work on your site
{brand} you charged me €60 for a checked bag and then lost it. can I at least get the €60 back
{brand} my kid's wheelchair came off the plane bent. this is not luggage, this is her legs
{brand} waited 70 minutes at the carousel in Lisbon for bags from a 45 minute flight
{brand} bag delivered today after 9 days, soaking wet and smelling of fuel. thanks I guess
{brand} your baggage desk in Denver closed at 10pm while a whole flight of us were still waiting for bags
{brand} the delayed baggage form crashes on the last step every time. I've filled it in five times
{brand} gate-checked my carry on "for free" and now it's gone. it had my medication in it
""")

section("complaint.staff", "complaint", "complaint", "brand", aspect="crew", block="""
{brand} the agent at the transfer desk in Dublin literally laughed when I asked about my connection. not ok
{brand} flight attendant on 305 rolled her eyes at an elderly passenger asking for help with the overhead bin
{brand} your phone agent hung up on me when I asked to speak to a supervisor. twice
{brand} gate staff shouting at passengers during boarding tonight. people were stressed enough already
{brand} crew on this morning's Lisbon flight were so rude to a family with a crying baby. really disappointing
{brand} I asked a simple question at check in and got "read the website" and a shrug
{brand} the ground staff in Porto told me my visa was "probably fake". it was not. I want an apology
{brand} cabin manager refused to let my partner swap seats to sit with me, then let someone else do exactly that
""")

section("complaint.refund", "complaint", "complaint", "brand", aspect="customer_service", block="""
{brand} 11 weeks waiting for a refund on a flight YOU cancelled. this is my money, not a loan
{brand} refund status says "processing" since January. what does processing even mean at this point
{brand} you refunded the flight but kept the seat fees and the bag fee. how is that fair
{brand} I was promised a refund within 7 days. it's been 7 weeks. what's the actual timeline?
{brand} offered a voucher instead of a refund without asking me. I want the cash back to my card
{brand} refund went to a card that expired last year. your agent said "it'll bounce back eventually"
{brand} the refund form says I'm not eligible because the flight "operated". it operated 2 days later
{brand} refund approved in November, still not on my statement. I have the confirmation email from you
{brand} double charged for the same booking and the refund team keeps closing my case without replying
{brand} partial refund of €23 on a €310 ticket. please show me the maths
""")

section("complaint.booking", "complaint", "complaint", "brand", aspect="booking", block="""
{brand} your website charged my card and then showed an error page. no booking, no email, money gone
{brand} tried to book for an hour, the seat map just spins forever on every browser
{brand} the app logs me out every time I try to add a bag. please fix this
{brand} price jumped by €80 between the search page and the payment page. that's not a glitch that's a trick
{brand} can't add my child's passport details online, the form rejects every date of birth
{brand} your booking site doesn't accept names with an apostrophe. my surname has one. now what
{brand} manage booking page has been "under maintenance" for two days
{brand} booked a return, confirmation email only shows the outbound. is my return flight real?
""")

section("complaint.queues", "complaint", "complaint", "brand", aspect="queues", block="""
{brand} check in queue in Lisbon is out the door. two desks open for three flights
{brand} 55 minutes in the bag drop line and the self service machines are all switched off
{brand} on hold for 2 hours 14 minutes now. the hold music is burned into my brain
{brand} the priority line at Denver is longer than the normal one. what am I paying for
{brand} rebooking queue after the cancellation has 200 people and one agent. is this a joke
{brand} 40 min in the boarding queue standing on the jet bridge. no explanation
""")

section("complaint.inflight", "complaint", "complaint", "brand", aspect="inflight", block="""
{brand} paid for wifi, it worked for six minutes over the whole flight. refund please
{brand} the only vegetarian meal ran out by row 8. I booked a vegetarian meal in advance
{brand} seat wouldn't recline, tray table broken, screen dead. three hours like that
{brand} the "hot meal" was a cold bread roll and a sad piece of cheese
{brand} wifi on your long haul flights costs more than my lunch and doesn't load a single email
{brand} cabin was freezing the entire flight and the crew said they couldn't change it
{brand} toilets out of order on a 4 hour flight. one working toilet for 180 people
""")

section("complaint.price", "complaint", "complaint", "brand", aspect="price", block="""
{brand} €45 to pick a seat next to my own 6 year old. seriously?
{brand} the fare was cheap until I added a bag, a seat and "service fee". ended up more than Northwind
{brand} why does a one way cost more than a return on the same dates
{brand} €30 "convenience fee" for paying with a card. what other way is there?
{brand} your fares to Lisbon doubled the minute the school holidays were announced
""")

section("complaint.loyalty", "complaint", "complaint", "brand", aspect="loyalty", block="""
{brand} my SkyPoints from the Porto trip still haven't posted after 8 weeks
{brand} you downgraded my status tier two weeks before I'd have renewed it. after 6 years of flying with you
{brand} tried to redeem points for a flight, every date shows "no availability" for the next 11 months
{brand} 40,000 SkyPoints expired without a single reminder email. that was two years of flying
{brand} the lounge turned me away even though my card says Gold. apparently the card is "not updated"
{brand} points for my partner's flight went to someone else's account. how?
""")

section("complaint.general", "complaint", "complaint", "brand", block="""
{brand} worst travel day of my life. delayed, rebooked, lost bag, and no one answers the phone
{brand} your chatbot keeps sending me the same FAQ link. I need a human
{brand} emailed three times about my complaint, three automatic replies, zero answers
{brand} I used to recommend you to everyone. not anymore
{brand} my complaint case was closed as "resolved" without anyone ever contacting me
""")

# --- questions addressed to Skylark --------------------------------------------------------------

section("question", "question", "question", "brand", block="""
{brand} can I change my seat online after I've checked in?
{brand} what's the carry on allowance on the basic fare? just a backpack or a small trolley too?
{brand} hi! can I bring my cat in the cabin on the Lisbon route? she's 4 kilos with the carrier
{brand} how early does online check in open for international flights?
{brand} is it possible to add a checked bag after booking, and is it cheaper online or at the airport?
{brand} do you allow small dogs in the cabin on flights to Dublin?
{brand} can I travel with a guitar as a carry on or does it need its own seat?
{brand} what's the maximum weight for a checked bag on the standard fare?
{brand} do your planes have power outlets? long flight and I need to work
{brand} can I change the name on a ticket if my friend can't travel anymore?
{brand} is there a way to request a bassinet seat for a 5 month old?
{brand} does the premium fare include lounge access in Denver?
{brand} can I check in online if I'm travelling with a pet?
{brand} how do I add my SkyPoints number to a booking I already made?
{brand} do you serve gluten free meals and do I need to order them ahead?
{brand} what time does the bag drop open for the 6am Lisbon flight?
{brand} can I bring my own food on board?
{brand} is the wifi free on domestic flights or only on long haul?
{brand} if I miss my connection because the first flight is late, do you rebook me automatically?
{brand} can unaccompanied minors fly on your connecting flights?
{brand} I need wheelchair assistance at Porto, how do I book that?
{brand} do I need to print my boarding pass or is the phone version ok at all airports?
{brand} can I pay for a seat upgrade with SkyPoints plus cash?
{brand} how much is it to change the date of a flight booked on the light fare?
{brand} are e-scooters or e-bike batteries allowed in checked luggage?
{brand} quick q: is a surfboard sports equipment or oversized baggage on your flights?
{brand} can I travel with breast milk in my hand luggage over 100ml?
{brand} what's your policy on emotional support animals now?
{brand} does my infant need her own passport to fly to Lisbon?
{brand} can two of us share one checked bag allowance if we're on the same booking?
{brand} is there a way to get notified by email instead of SMS about gate changes?
{brand} hi, is the Boston route going to run in the winter schedule?
""")

# --- praise addressed to Skylark -----------------------------------------------------------------

section("praise", "praise", "praise", "brand", block="""
{brand} huge thanks to the crew on flight 311 who looked after my nervous 8 year old flying alone. she loved it
{brand} fastest bag drop I've ever done, 4 minutes door to security. well done Lisbon team
{brand} your agent Mariana sorted a rebooking in 3 minutes flat while I was panicking. absolute star
{brand} landed 20 minutes early and the bags were out before we reached the carousel 👏
{brand} the new seats are genuinely comfy. didn't think I'd ever say that about economy
{brand} thank you for holding the connection for 12 of us coming off the late Dublin flight. didn't expect that
{brand} pilot explained the turbulence calmly and with humour. made a nervous flyer very happy ✈️
{brand} best cabin crew I've had in years, kind, funny and patient with everyone
{brand} refund landed in 4 days. honestly impressed
{brand} the gate team in Porto found my lost passport and ran it to the plane. thank you thank you
{brand} surprise upgrade on my birthday 🎂 you made my week
{brand} great vegetarian meal for once! the lentil curry was actually good
{brand} smooth flight, on time, friendly crew. this is all anyone wants
{brand} thanks for the quick reply this morning, all sorted now
{brand} wifi worked the whole way across the Atlantic. I got all my work done, thank you
{brand} your assistance team at Denver were wonderful with my dad's wheelchair. so grateful
{brand} kudos for the clear updates during the delay today, made the wait much easier
{brand} first time flying with you and won't be the last ❤️
{brand} the lounge in Lisbon is lovely, thank you for the quiet room
{brand} love that the app finally shows where my bag is. small thing, big difference
{brand} thank you to the crew who found my daughter's teddy under the seat after everyone left
{brand} cheers for the free snack box on the delayed flight, nice touch
""")

# Emoji and accents before a handle, tag or link: Bluesky facets count UTF-8 bytes, not characters.
section("complaint.emoji", "complaint", "complaint", "brand", block="""
☕️ 3 hours into the delay and {brand} still hasn't said a word #SkylarkAir
😡😡 {brand} cancelled AGAIN and the refund form doesn't load: https://skylarkair.example/refunds
Zürich → Lisbon → nowhere. {brand} my connection left without me and the desk is empty #SkylarkAir
""")

section("praise.emoji", "praise", "praise", "brand", block="""
🙏 thank you {brand}, the crew spoke Portuguese to my grandmother the whole way
São Paulo → Lisbon → Dublin and every connection on time. {brand} you've outdone yourselves 👏 #SkylarkAir
""")

# --- suggestions addressed to Skylark ------------------------------------------------------------

section("suggestion", "suggestion", "suggestion", "brand", block="""
{brand} please add an option to pick a seat next to your kids for free. every family would thank you
{brand} suggestion: send gate changes as push notifications, not only emails
{brand} it would be great if the app let me save my passport details for next time
{brand} would love a vegan option on the buy on board menu
{brand} please put the baggage allowance on the boarding pass itself, saves a lot of confusion
{brand} idea: let people in the rebooking queue take a number and wait somewhere with seats
{brand} you should show the real expected departure time in the app, not the scheduled one
{brand} could you add a quiet zone on early morning flights? no announcements after takeoff please
{brand} please let us pay for wifi per hour instead of per flight
{brand} bring back the free water on short flights, it's the least you can do
{brand} a live chat with a human in the app would save your phone line so much pain
{brand} would be good to see SkyPoints balance on the home screen of the app
{brand} offer a text alert when my bag is loaded on the plane, I'd pay for that
{brand} maybe stagger boarding by row properly? the scrum at the gate helps nobody
{brand} please add Italian to the app, my parents can't read English well
""")

# --- about Skylark, not addressing it ------------------------------------------------------------

section("about.complaint", "about_complaint", "complaint", "brand", block="""
never flying Skylark Airways again. 3 hour delay and the staff acted like it was our fault
Skylark Airways lost my bag on the way to my sister's wedding. bridesmaid dress is somewhere in Europe
the skylark airways app has crashed on me 4 times today. how is this a real company
booked Skylark Airways because it was cheap. it was not cheap after the bag fees
is it just me or has Skylark Airways gotten way worse since last summer
Skylark Airways flight delayed again. I should just buy a tent for this airport
the queue for Skylark Airways check in at Lisbon airport right now is unbelievable
Skylark Airways wifi is a myth. I have never once seen it work
waited 9 weeks for a Skylark Airways refund. still waiting. don't book with them
Skylark Airways baggage fees are basically a second ticket at this point
my Skylark Airways flight got cancelled and their hotline is just a recorded message on loop
friend of mine flew Skylark Airways last week, they lost her stroller. with a toddler. on arrival
skylark airways crew made an announcement telling people to "stop complaining". wow
the Skylark Airways lounge in Denver has no seats, no food and no staff. a room with chairs, minus the chairs
Skylark airline customer service is a maze. 6 different phone numbers, none answered
paid extra for Skylark Airways priority boarding, boarded with everyone else. cool cool
Skylark Airways changed my flight time by 7 hours and called it a "minor schedule change"
note to self: Skylark Airways basic fare means you get a seat and nothing else, not even water
#SkylarkAir delayed, cancelled, rebooked, delayed again. this airline is a lesson in patience
Skylark Airways sent me a survey asking how my flight was. the flight hasn't happened yet because they cancelled it
""")

section("about.praise", "about_praise", "praise", "brand", block="""
shout out to Skylark Airways, got me home 30 minutes early and the crew were lovely
Skylark Airways is honestly underrated. clean planes, decent legroom, cheap fares to Lisbon
flew Skylark Airways for the first time, zero complaints, which is rare for me
the Skylark Airways crew handed out colouring books to all the kids on board. so thoughtful
Skylark Airways sorted my refund in under a week. I'm shocked in a good way
really nice experience with Skylark Airways today, on time and very friendly staff at the gate
Skylark Airways new Porto route is a game changer for visiting my family
best budget airline I've flown this year is Skylark Airways, not close
the Skylark Airways app now has live bag tracking and it actually works
Skylark Airways pilot gave the best landing I've felt in years. round of applause from the whole plane
Skylark Airways gave us free drinks when the flight was delayed. small gesture, made a difference
my gran flew alone on Skylark Airways and the staff walked her all the way to the arrivals hall ❤️
Skylark Airways just dropped winter sale fares and I've booked three trips. help
big fan of the Skylark Airways quiet boarding, no shouting, just rows called one by one
#SkylarkAir on time again this week. getting used to it
""")

section("about.neutral", "about_neutral", "other", "brand", block="""
Skylark Airways announces new route from Boston to Porto starting in June
Skylark Airways is hiring cabin crew in Dublin according to a friend who applied
anyone flown Skylark Airways long haul? thinking about the Boston route in May
Skylark Airways or Northwind Air for Lisbon in April? prices are about the same
reading that Skylark Airways will retire its oldest planes by next year
my cousin works for Skylark Airways baggage handling and says the new system is confusing everyone
Skylark Airways quarterly numbers are out, passenger count up apparently
heading to the airport, Skylark Airways to Dublin, wish me luck
does anyone know if Skylark Airways still does student discounts?
Skylark Airways flight attendants have new uniforms, they're green now
""")

# --- threads: customer, brand, customer ----------------------------------------------------------

section("thread.twitter", "thread", "unlabelled", "brand", platforms=("twitter",), block="""
{brand} my bag didn't arrive on flight 482 from Boston and the desk is closed. what do I do? || We're sorry your bag didn't make it. Please send us a DM with your file reference and we'll chase it with the baggage team. ^MK || DM sent. please actually read it this time
{brand} refund for my cancelled flight still not here after 6 weeks || Sorry for the wait. Refunds are taking up to 8 weeks at the moment. If you DM us the booking details we'll check it for you. ^LP || 8 weeks? you took the money in 8 seconds || Completely understand the frustration. We've escalated your case and you'll get an email within 48h. ^LP || ok, thank you. I'll wait for the email
{brand} charged twice for the same seat upgrade, can someone fix it || That shouldn't happen, sorry. Please DM us the last 4 digits of the card and the booking date and we'll look into it. ^JR || sent, thanks
{brand} flight 219 delayed and no one at the gate, any update? || The aircraft is arriving late from Porto; the new departure is 14:35. Sorry for the disruption. ^AS || thanks for the actual update, more than the gate told us
{brand} the app won't let me check in, says "error 500" every time || Sorry about that. We had a short outage; it should work now. Could you try again and let us know? ^MK || works now, thanks
{brand} you moved me to a middle seat after I paid for a window || We're sorry. If you DM your booking we'll refund the seat fee. ^JR || done. would prefer the window but the refund helps
{brand} my wheelchair assistance wasn't there when we landed. we waited 50 minutes on the plane || We're really sorry, that's not the service you should get. Please DM us so we can investigate with the airport team. ^AS || I'll DM. please make sure it doesn't happen on the return flight on Friday
{brand} is the 6am Dublin flight going to be affected by the strikes? || At the moment the 06:00 Dublin flight is planned to operate as normal. We'll send you a message if anything changes. ^LP || great, thanks for confirming
""")

section("thread.bluesky", "thread", "unlabelled", "brand", platforms=("bluesky",), block="""
{brand} lost my SkyPoints card details and now the app shows zero points. years of flying, gone? || Your points are safe; the app had a display issue this morning. Please log out and back in. If it still shows zero, message us. || logged out and back in, points are back. phew
{brand} booked the wrong date by mistake 10 minutes ago, can I still cancel for free? || Yes, bookings can be cancelled for free within 24 hours. You'll find it under Manage booking. || found it, cancelled. thank you!
{brand} our flight was cancelled and the hotel you booked us into has no record of us || Sorry to hear that. Please show the hotel the voucher code from the email we sent; if that fails, send us a message and we'll call them. || they found it with the voucher code. long night but we have a room
{brand} the seat map shows my family split across 4 rows || We'll do our best to seat you together. Please message us your booking and we'll look at the seat map with you. || messaged, fingers crossed
""")

section("thread.mastodon", "thread", "unlabelled", "brand", platforms=("mastodon",), block="""
{brand} does anyone at Skylark Airways read this account? my complaint from two weeks ago has no reply || Yes, we read every message here. Sorry for the silence. Can you send us your case number in a direct message? || sent. thanks for replying at least
{brand} the checked bag fee on my booking is different from the one on your website || Thanks for flagging. The website shows the online price; the booking may have been made at the airport rate. Send us a DM and we'll check. || booked online, so please refund the difference
""")

# --- what the brand itself posts -----------------------------------------------------------------

section("brand.own", "brand_post", "other", "brand", block="""
Skylark Airways: our winter sale is live. fares to Lisbon, Porto and Dublin from €39 one way. https://skylarkair.example/sale #SkylarkAir
Skylark Airways is now flying daily from Boston to Porto. Welcome aboard! #SkylarkAir
Skylark Airways: free seat selection for children under 12 sitting with a parent, starting this month.
""", platforms=("bluesky", "twitter", "mastodon"))

section("brand.storm", "brand_post", "other", "brand", platforms=("bluesky", "twitter"), day=STORM_DAY, block="""
Storm Valka is moving across the Atlantic today. Please check your Skylark Airways flight status before heading to the airport: https://skylarkair.example/status
Skylark Airways update: all flights delayed by Storm Valka are rebooked automatically. You'll get an email with your new times. We're sorry for the disruption.
""")

# --- the storm: a spike of delay complaints on one day -------------------------------------------

section("storm.addressed", "complaint", "complaint", "brand", aspect="delay", day=STORM_DAY, block="""
{brand} flight to Dublin delayed 4 hours because of the storm and now the gate changed twice. any news?
{brand} I understand it's the storm but please tell us SOMETHING. 3 hours at the gate and no announcement
{brand} storm delay is fine, no one can control the weather. not having a single agent at the transfer desk is not
{brand} delayed and now cancelled. the storm hit Lisbon hours ago, why did you board us at all?
{brand} stuck in Boston because of the storm, your app says rebooked but doesn't say when
{brand} 5 hours delayed, no food, no water, kids asleep on the floor. the storm isn't your fault but this is
{brand} is the 18:20 Porto flight still going? the storm seems to be getting worse
{brand} delayed because of the storm, fine, but the hotel voucher page keeps timing out
{brand} we've been on this plane for 2 hours waiting for the storm to pass. can we at least get water
{brand} my connection is gone because of the storm delay. who do I talk to? the desk has 300 people in front of it
{brand} flight delayed to 23:50 due to weather. last train home is at 23:15. what are my options?
{brand} third delay notification today, we're now at 6 hours. please just cancel so we can go home
{brand} your storm rebooking sent me to the wrong city. I live in Dublin, not Cork
{brand} delay, delay, delay. the storm is over here and your planes still aren't moving
{brand} does a storm delay count for compensation or not? the app says one thing the agent says another
{brand} our bags are on the plane and the plane isn't going anywhere because of the storm. can we get them back?
{brand} 400 people at Lisbon airport and one screen with your delays, all saying "see agent". which agent?
{brand} been delayed since 9am because of the storm, it's now 4pm. still no rebooking
{brand} weather delay I get. 3 gate changes in an hour I do not
{brand} so the storm cancelled my flight but your system still charged me for the seat I picked. refund please
{brand} another delay. I've now spent longer in this terminal than I'll spend on holiday
{brand} please put someone on the phone lines, the storm rebooking line has been busy for 3 hours
{brand} sitting on the floor at gate 9 since 7am. the storm passed at noon. why are we still here
{brand} my flight shows "delayed" with no new time. is it leaving tonight or not?
{brand} stuck on the plane in Dublin, storm delay, the captain says maybe another hour. it's been two already
{brand} rebooked for tomorrow because of the storm but no hotel offered. we're sleeping here then?
{brand} the storm delay page on your site is just a 404. great timing
{brand} delayed 3 times in 4 hours because of the weather and the crew have now timed out. brilliant
{brand} can someone confirm if the 21:05 to Boston is still delayed or cancelled? two screens say different things
{brand} storm or no storm, leaving 200 people with no information all day is a choice
""")

section("storm.about", "about_complaint", "complaint", "brand", aspect="delay", day=STORM_DAY, block="""
Skylark Airways delays everywhere today with the storm, Lisbon airport is chaos
the Skylark Airways departure board is just a wall of "delayed" right now #StormValka
stuck at the gate, skylark airways says the storm delay is "another hour" for the fourth time
Skylark Airways handling this storm so badly. no staff, no info, no food
my Skylark Airways flight is 5 hours late because of the storm and nobody from the airline is at the gate
three Skylark Airways flights cancelled in a row on the board. storm day at the airport is rough
Storm Valka has grounded half of the Skylark Airways fleet it seems. hundreds of us in the terminal
Skylark Airways storm update: "delayed". that's it. that's the update
everyone at gate 22 has been delayed by Skylark Airways for 4 hours. the storm stopped an hour ago
the Skylark Airways rebooking desk queue goes all the way to the shops. storm chaos
Skylark Airways flight delayed again. storm or not, they should have more staff
my sister is stuck in Porto on a delayed Skylark Airways flight, no hotel offered
day 2 of the storm mess and Skylark Airways still hasn't rebooked us
the skylark airways delay queue at Dublin airport is three hours long, bring snacks
Skylark Airways: storm delay, then crew out of hours, then cancelled. 9 hours wasted
[praise] honestly impressed by the Skylark Airways gate crew in Lisbon today, storm chaos and they stayed calm and kind
watching every Skylark Airways departure slide to "delayed" one by one. storm day at the airport
Skylark Airways just announced my flight is delayed until tomorrow morning because of the storm
""")

# --- competitors ---------------------------------------------------------------------------------

section("competitor.northwind", "competitor", "complaint", "competitor:northwind", block="""
{northwind} my flight to Oslo has been delayed 3 hours with no explanation. classic
{northwind} you lost my bag on a direct flight. how do you lose a bag on a direct flight
{northwind} why is it €50 to change a name spelling mistake
{northwind} still waiting on the refund for the cancelled Bergen flight. 2 months now
Northwind Air lost my suitcase and their tracing site has been down all day
flew Northwind Air last week, seats so tight my knees were bruised
Northwind Air customer service put me on hold for 90 minutes then the line dropped
Northwind Air cancelled my flight and rebooked me via two connections. no thanks
the Northwind Air app is somehow worse than the website
Northwind Air charges for water now. water.
Northwind Air delayed again, they might as well put it in the name
""")

section("competitor.northwind.praise", "competitor", "praise", "competitor:northwind", block="""
{northwind} thank you for the smooth flight to Reykjavik, crew were great
{northwind} your new lounge in Oslo is stunning, well done
Northwind Air actually has legroom on the new planes, I'm impressed
Northwind Air got me to Bergen early and the bags came out first. rare win
honestly Northwind Air customer service fixed my booking in 5 minutes. different from last year
Northwind Air has the best coffee of any airline I've flown, fight me
""")

section("competitor.northwind.question", "competitor", "question", "competitor:northwind", block="""
{northwind} can I bring skis as checked baggage on the Tromso route?
{northwind} do you have a student discount?
anyone know if Northwind Air lets you bring a pet in the cabin?
is Northwind Air reliable in winter? thinking of booking Tromso in February
""")

section("competitor.bluejay", "competitor", "complaint", "competitor:bluejay", block="""
{bluejay} 5 hour delay in Miami and the gate agents disappeared. where did everyone go
{bluejay} charged me for a carry on that fits under the seat. measured it in front of your agent
{bluejay} my flight to Austin was cancelled and the chatbot keeps offering me a credit, not a refund
{bluejay} your online check in says I'm not eligible with no reason. booked 3 months ago
Bluejay Airlines oversold the flight and bumped me. I had a seat number!
Bluejay Airlines wifi is $20 and it does not work. not great
Bluejay Airlines boarding process is pure chaos, 9 groups and no one follows them
Bluejay Airlines lost my car seat. with a baby. on arrival
Bluejay Airlines refund took 4 months, I had to get my bank involved
the Bluejay Airlines app logged me out at the gate and the boarding pass was gone
""")

section("competitor.bluejay.praise", "competitor", "praise", "competitor:bluejay", block="""
{bluejay} crew on the Austin flight were hilarious and kind, thank you
{bluejay} free snacks AND free wifi? who are you and what did you do with the old airline
Bluejay Airlines gate agent rebooked our whole family in 2 minutes. legend
Bluejay Airlines has the comfiest economy seats I've sat in this year
Bluejay Airlines just made me feel like a human being at the airport. rare
Bluejay Airlines flight attendants sang happy birthday to a 90 year old passenger 🥹
""")

section("competitor.bluejay.question", "competitor", "question", "competitor:bluejay", block="""
{bluejay} is the Miami to Austin route daily or only weekdays?
{bluejay} can I upgrade to extra legroom at the gate?
anyone flown Bluejay Airlines with a dog? what carrier did you use
does Bluejay Airlines still have the free checked bag on the basic fare?
""")

section("competitor.compare", "comparison", "other", "competitor:northwind", block="""
switched from Skylark Airways to Northwind Air for this trip and the difference in legroom is huge
Northwind Air vs Skylark Airways to Lisbon: Northwind is €20 more but includes a bag. easy choice
Skylark Airways was delayed, Northwind Air next to us left on time. the grass is greener
Northwind Air and Skylark Airways both cancelled on me this year. I'm taking the train from now on
""")

section("competitor.compare.bluejay", "comparison", "other", "competitor:bluejay", block="""
Bluejay Airlines beats Skylark Airways on snacks, Skylark wins on legroom. that's my review
flew Bluejay Airlines out and Skylark Airways back. Skylark was late, Bluejay lost my bag. tie
Bluejay Airlines just cut fares to Lisbon, cheaper than Skylark Airways now
""")

# --- off-topic: must not be kept by any query ----------------------------------------------------

section("offtopic.skylark", "offtopic", "other", None, block="""
heard the first skylark of spring this morning above the fields behind the house. pure joy
a skylark sang for ten solid minutes over the dunes today, I just stood there listening
skylark song recording from my walk, turn the volume up 🎧 #birdsong
the skylark is on the red list here. fewer fields left unmown each year
did you know a skylark can sing for over 20 minutes while hovering? incredible little bird
reading "To a Skylark" again tonight. Shelley really went all in on that one
our village pub, The Skylark, has a new chef and the Sunday roast is great now
skylark hovering high over the meadow, could barely see it, could definitely hear it
named our new puppy Skylark. she is chaos
the skylark and the meadow pipit are hard to tell apart by ear, any tips?
ground nesting birds like the skylark need you to keep dogs on leads in spring please
painted a skylark in watercolour today, first time trying feathers
a lark ascending over the barley, the skylark's flight is something else
skylark count on the transect today: 14 singing males. up from last year
the skylark wallpaper in my grandmother's kitchen is back in fashion apparently
""")

section("offtopic.northwind", "offtopic", "other", None, block="""
loading the Northwind sample database into Postgres for tomorrow's SQL workshop
every SQL tutorial uses the Northwind database. I know more about their fake orders than my own
Northwind query of the day: top 10 customers by order total. join practice for the students
migrating the old Northwind demo schema to SQLite so the class can run it offline
northwind database employees table still has the same 9 people after all these years 😄
a cold northwind blowing off the hills today, winter isn't done with us yet
my Access course still uses Northwind Traders for every single exercise
wrote a blog post on window functions using the Northwind sample data
the northwind was so strong on the ferry that half the passengers stayed inside
Northwind ER diagram printed and stuck above my desk, I'm that kind of student now
""")

section("offtopic.bluejay", "offtopic", "other", None, block="""
a pair of blue jays raiding the feeder again, they throw the seeds everywhere
bluejay on the fence this morning, so loud, so blue
the Jays won 6-2 tonight, bullpen held on in the ninth ⚾
blue jay feathers aren't actually blue, it's the light. birds are wild
bluejay fledgling in the garden, parents dive bombing the cat. stay away cat
going to the Blue Jays game on Saturday, first one in years
the bluejays at my feeder only want the peanuts and ignore everything else
bluejay call sounds like a rusty gate, woke me up at 6am
Blue Jays baseball season tickets are expensive this year
watched a bluejay bury acorns all afternoon, they're planning for winter
the bluejay in flight is the best flash of blue you'll see all week, pure bird magic
""")

section("offtopic.general", "offtopic", "other", None, block="""
airport security line this morning was wild, took 50 minutes
anyone have tips for sleeping on long haul flights? neck pillows never work for me
finally booked my holiday, train across the Alps this time, no planes
jet lag is destroying me, it's 4am and I'm wide awake
the coffee at the airport costs more than the flight, I swear
packing cubes changed my life. that's the post
my suitcase wheel broke in the car park before I even got to the terminal
window seat or aisle seat? window, always, I don't care about the bathroom
watched planes land at the viewing area with my son for 2 hours, he was in heaven
learned that you can't take a snow globe in hand luggage. RIP my souvenir
""")

# --- privacy cases -------------------------------------------------------------------------------
# PII written into posts on purpose; the data test checks that no other post contains any.

section("pii", "pii", "complaint", "brand", aspect="customer_service", block="""
{brand} still no refund. you can email me at rosa.delgado.travels@example.com, I've written to you four times
{brand} nobody ever calls back. my number is +44 7700 900481, please call me today about the lost bag
{brand} booking ref QX7P2M, I paid for extra legroom and got a middle seat in row 31
{brand} hi, my name is Tomasz Wierzbicki and I've been waiting three weeks for my suitcase
{brand} call me on 202-555-0199 about the cancelled Boston flight, the app doesn't work
{brand} my booking reference is 7HKD4W and your site says it doesn't exist. I have the receipt!
""")

# What each line of the "pii" section reveals, in order (the data test and later privacy tests use it).
PII_TYPES = ("email", "phone", "booking_reference", "person_name", "phone", "booking_reference")

section("optout", "optout", "other", "brand", block="""
{brand} stop listening to my posts please. I don't consent to being tracked #optout
{brand} #optout. I don't want my posts analysed by your social team
{brand} please stop listening to what I write. I'll contact you by email if I need something
""")

section("offensive", "offensive", "complaint", "brand", block="""
{brand} you useless fucking clowns, lost my bag AGAIN. go to hell, all of you
""")

section("health", "sensitive", "complaint", "brand", aspect="baggage", block="""
{brand} I'm type 1 diabetic and my insulin was in the bag you lost. I need it back today, this is urgent
""")

section("nobot", "nobot", "complaint", "brand", platforms=("mastodon",), block="""
{brand} my flight to Porto was cancelled and the rebooking email never came. very annoying
[praise] {brand} thanks for finally sending the rebooking, the new time works for us
""")

section("noindex", "noindex", "complaint", "brand", platforms=("bluesky",), block="""
{brand} third delay on the Dublin route this month. is anything being done about it?
""")

section("noindex.mastodon", "noindex", "complaint", "brand", platforms=("mastodon",), block="""
{brand} the rebooking page keeps telling me my booking doesn't exist. it does, I flew out on it
""")

# --- other languages -----------------------------------------------------------------------------

section("lang.es.complaint", "complaint", "complaint", "brand", lang="es", block="""
{brand} mi vuelo a Lisboa lleva 3 horas de retraso y nadie nos dice nada. ¡Qué vergüenza!
{brand} perdieron mi maleta en Oporto y el formulario de reclamación no funciona
""")

section("lang.es.praise", "about_praise", "praise", "brand", lang="es", block="""
Skylark Airways me devolvió el dinero en cinco días, ¡muy bien hecho! Gracias al equipo
""")

section("lang.de.complaint", "complaint", "complaint", "brand", lang="de", block="""
{brand} Flug nach Dublin gestrichen und keine Hotelunterkunft angeboten. Sehr enttäuschend.
Skylark Airways hat schon wieder Verspätung. Drei Stunden am Gate, kein Essen, keine Info.
""")

section("lang.de.question", "question", "question", "brand", lang="de", block="""
{brand} Kann ich mein Fahrrad als Sondergepäck mitnehmen? Was kostet das?
""")

section("lang.fr.complaint", "complaint", "complaint", "brand", lang="fr", block="""
{brand} mon bagage n'est toujours pas arrivé après cinq jours. Pouvez-vous m'aider ?
Skylark Airways a annulé notre vol sans prévenir, on a dormi à l'aéroport. Inadmissible.
""")

section("lang.fr.praise", "praise", "praise", "brand", lang="fr", block="""
{brand} merci pour l'excellent service à bord hier, équipage très sympathique !
""")

# fmt: on


def sections() -> list[Section]:
    """Every section, in a fixed order."""
    return list(_SECTIONS)
