import type { Random } from './prng.js';

/** Korean syllables as [Hangul, the romanization DPRK lists print]. */
const KOREAN_SURNAMES: readonly [string, string][] = [
  ['김', 'Kim'], ['리', 'Ri'], ['박', 'Pak'], ['최', 'Choe'], ['정', 'Jong'], ['강', 'Kang'], ['조', 'Jo'], ['윤', 'Yun'],
  ['장', 'Jang'], ['림', 'Rim'], ['한', 'Han'], ['서', 'So'], ['신', 'Sin'], ['권', 'Kwon'], ['황', 'Hwang'], ['안', 'An'],
  ['송', 'Song'], ['류', 'Ryu'], ['홍', 'Hong'], ['전', 'Jon'], ['고', 'Ko'], ['문', 'Mun'], ['량', 'Ryang'], ['손', 'Son'],
  ['배', 'Pae'], ['백', 'Paek'], ['허', 'Ho'], ['남', 'Nam'], ['심', 'Sim'], ['로', 'Ro'], ['곽', 'Kwak'], ['차', 'Cha'],
];
const KOREAN_GIVEN: readonly [string, string][] = [
  ['철', 'Chol'], ['성', 'Song'], ['일', 'Il'], ['명', 'Myong'], ['수', 'Su'], ['영', 'Yong'], ['호', 'Ho'], ['남', 'Nam'],
  ['혁', 'Hyok'], ['진', 'Jin'], ['광', 'Kwang'], ['은', 'Un'], ['국', 'Kuk'], ['룡', 'Ryong'], ['학', 'Hak'], ['순', 'Sun'],
  ['희', 'Hui'], ['경', 'Kyong'], ['원', 'Won'], ['혜', 'Hye'], ['미', 'Mi'], ['옥', 'Ok'], ['금', 'Kum'], ['현', 'Hyon'],
  ['준', 'Jun'], ['석', 'Sok'], ['창', 'Chang'], ['선', 'Son'], ['동', 'Tong'], ['봉', 'Pong'], ['길', 'Kil'], ['춘', 'Chun'],
  ['향', 'Hyang'], ['애', 'Ae'], ['복', 'Pok'], ['덕', 'Tok'], ['만', 'Man'], ['세', 'Se'], ['승', 'Sung'], ['청', 'Chong'],
  ['택', 'Thaek'], ['평', 'Phyong'], ['화', 'Hwa'], ['웅', 'Ung'], ['태', 'Thae'], ['주', 'Ju'], ['식', 'Sik'], ['규', 'Kyu'],
  ['연', 'Yon'], ['란', 'Ran'], ['효', 'Hyo'], ['훈', 'Hun'], ['환', 'Hwan'], ['기', 'Ki'], ['무', 'Mu'], ['삼', 'Sam'],
  ['대', 'Tae'], ['도', 'To'], ['두', 'Tu'], ['라', 'Ra'], ['민', 'Min'], ['범', 'Pom'], ['병', 'Pyong'], ['보', 'Po'],
  ['부', 'Pu'], ['산', 'San'], ['상', 'Sang'], ['유', 'Yu'], ['예', 'Ye'], ['양', 'Yang'], ['열', 'Yol'], ['지', 'Chi'],
  ['재', 'Jae'], ['충', 'Chung'], ['갑', 'Kap'], ['건', 'Kon'], ['계', 'Kye'], ['공', 'Kong'], ['관', 'Kwan'], ['교', 'Kyo'],
  ['군', 'Kun'], ['달', 'Tal'], ['담', 'Tam'], ['당', 'Tang'], ['련', 'Ryon'], ['렬', 'Ryol'], ['록', 'Rok'], ['린', 'Rin'],
  ['면', 'Myon'], ['모', 'Mo'], ['반', 'Pan'], ['표', 'Pyo'], ['필', 'Phil'], ['하', 'Ha'], ['항', 'Hang'], ['해', 'Hae'],
  ['형', 'Hyong'], ['활', 'Hwal'], ['회', 'Hoe'], ['후', 'Hu'], ['흥', 'Hung'],
];
const ARABIC_GIVEN = `Mohammed Ahmed Abdullah Omar Khalid Hassan Hussein Ali Ibrahim Youssef Mustafa Tariq Faisal Hamza Karim
  Nasser Saeed Walid Ziad Jamal Rashid Bilal Samir Adnan Anwar Fahad Majid Nabil Osama Qasim Salim Talal Yasin Zaid Hisham
  Imad Marwan Riyad Sami Bassam Ayman Fawzi Ghassan Haitham Jalal Kamal Mazen Nizar Raed Fatima Aisha Mariam Layla Huda
  Rania Salma Zainab Amal Abdulrahman Abdelaziz`.split(/\s+/);
const ARABIC_FAMILY = `Rashid Hashimi Haddad Khoury Nasrallah Masri Tamimi Zahrani Mansour Saleh Abbas Qureshi Amin Farouk
  Hijazi Darwish Shalabi Sayed Barakat Bakri Jaber Obeidi Dulaimi Shammari Qahtani Ghamdi Harbi Otaibi Mutairi Anazi
  Kuwari Marri Suwaidi Nuaimi Ketbi Jabouri Tikriti Zubaidi Khatib Najjar Sabbagh Tahan Attar Hamdan Jaziri Baghdadi`.split(/\s+/);
const WESTERN_GIVEN = `James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony
  Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan Jacob Gary
  Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Frank Alexander Raymond Patrick Jack
  Dennis Jerry Tyler Aaron Henry Douglas Peter Adam Nathan Zachary Walter Kyle Harold Carl Jeremy Gerald Keith Roger
  Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Margaret Betty Sandra Ashley
  Dorothy Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Laura Sharon Cynthia Kathleen
  Helen Amy Shirley Angela Anna Brenda Pamela Nicole Ruth Katherine Samantha Christine Catherine Virginia Rachel Janet
  Olivier Pierre Jean Hans Klaus Dieter Jürgen Stefan Marco Giovanni Luca Matteo Sergei Dmitri Nikolai Viktor Igor Oleg`.split(/\s+/);
const WESTERN_SURNAME_START = `Ash Black Brad Brook Cal Carl Chad Clay Craw Dal Dun Ell Fair Fen Fitz Gar Glad Green Hal Har Hart Hay
  Hol Kel Ken Kirk Lang Lind Mar Mer Mill New Nor Oak Pem Pres Rad Red Ross Rut Sher Stan Stock Sum Thorn Tre Wal War
  Wel West Whit Win Wood Wy Ald Bar Bell Bran Brent Chat`.split(/\s+/);
const WESTERN_SURNAME_END = `ford well ton ley field wood worth by more ridge brook stone man son ham ing ett ard ell ridge ster
  wick burn dale cott hurst lock mont ner rick sey stead ville wright`.split(/\s+/);
const WESTERN_SURNAME_LINKS = ['er', 'en', 'in', 'ing', 'an', 'el', 'ow', 'am'];
const COINED = `Ryon Bong Chon Ma Kum Gang Tae Song Hae Sung Mi Rae Pyong Hwa Ung Bi Chil Bo San Il Sim Nam Pu Ryong Kwang
  Myong Jin Hyok Dan Gol Sam Bu Jang Yon Sang Won Hung`.split(/\s+/);
const ORG_WORDS = `Golden Eastern Pacific Sunrise Silver Great United Global Orient Northern Crystal Phoenix Dragon Unicorn
  Pearl Royal Star Atlas Summit Harbour Continental Imperial Liberty Victory Ocean Asia Korea Pyongyang Dubai Hong Kong
  Singapore Shenyang Dandong Vladivostok Noor Baraka Zenith Meridian Horizon Apex Titan Evergreen`.split(/\s+/);
const ORG_INDUSTRIES = `Trading Shipping Mining Industrial Technology Investment Development Energy Petroleum Logistics Maritime
  Electronics Engineering Construction Commercial Holdings Export Import General Machinery Chemicals Textile Fishery
  Bank Finance Software Minerals Metals Resources Navigation Consulting Supply Equipment`.split(/\s+/);
const LEGAL_FORMS = ['Co Ltd', 'Company Limited', 'LLC', 'Corporation', 'JSC', 'Ltd', 'Inc', 'GmbH', 'SA', 'FZE', 'Pte Ltd', 'Sdn Bhd', 'LLP', 'Corp'];
const VESSEL_NOUNS = `Star Pearl Glory Wave Dragon Fortune Harmony Horizon Spirit Venture Unity Ocean Sea Bay Rainbow Eagle Falcon
  Light Queen Princess Bright Grace Phoenix Lotus Jade Crown Island River`.split(/\s+/);

// Names for people on no list: Finnish and Polish pools that none of the pools above (nor the DPRK lists) draw on.
const UNLISTED_GIVEN = `Aino Eero Juhani Kalle Lauri Mikko Onni Pekka Sakari Tuomas Veikko Ilmari Aleksi Joonas Kaarina Liisa
  Marjatta Oskari Tapani Wojciech Grzegorz Krzysztof Przemysław Zbigniew Bartosz Jarosław Małgorzata Agnieszka Katarzyna
  Jadwiga Bożena Urszula Halina Mirosław Sławomir Eliisa Riikka Ville Jussi`.split(/\s+/);
const UNLISTED_SURNAME_START = `Virta Kos Lahti Mäki Niemi Salo Heikki Järvi Korho Laakso Lehto Rinta Savo Tuomi Vainio Kallio
  Pelto Honka Kivi Wiśniew Kowal Zieliń Szyman Kamiń Lewandow Dąbrow Jankow Krawczy Piotrow Grabow Pawłow Wieczor Jabłoń`.split(/\s+/);
const UNLISTED_SURNAME_END = ['nen', 'lainen', 'kangas', 'harju', 'vaara', 'puro', 'oja', 'luoto', 'ski', 'ska', 'czyk', 'ewicz'];

export interface GeneratedName {
  name: string;
  /** The same name in its original script, where it has one (Hangul for Korean names). */
  originalScript?: string;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

export function koreanPerson(r: Random): GeneratedName {
  const [surnameHangul, surname] = r.pick(KOREAN_SURNAMES);
  const [g1Hangul, g1] = r.pick(KOREAN_GIVEN);
  const [g2Hangul, g2] = r.pick(KOREAN_GIVEN);
  // Lists print the given name as two words or hyphenated (Kim Chol Song, Kim Chol-song).
  const given = r.chance(0.5) ? `${g1} ${g2}` : `${g1}-${g2.toLowerCase()}`;
  return { name: `${surname} ${given}`, originalScript: `${surnameHangul}${g1Hangul}${g2Hangul}` };
}

export function arabicPerson(r: Random): GeneratedName {
  const family = r.pick(ARABIC_FAMILY);
  const surname = r.chance(0.5) ? `Al-${family}` : family;
  // Lineage as lists print it: the father's name, sometimes the grandfather's too.
  const father = r.chance(0.92) ? `${r.pick(['bin', 'ibn'])} ${r.pick(ARABIC_GIVEN)} ` : '';
  const grandfather = father !== '' && r.chance(0.3) ? `bin ${r.pick(ARABIC_GIVEN)} ` : '';
  return { name: `${r.pick(ARABIC_GIVEN)} ${father}${grandfather}${surname}` };
}

export function westernPerson(r: Random): GeneratedName {
  const middle = r.chance(0.5) ? `${r.pick(WESTERN_GIVEN)} ` : '';
  const link = r.chance(0.4) ? r.pick(WESTERN_SURNAME_LINKS) : '';
  const surname = r.pick(WESTERN_SURNAME_START) + link + r.pick(WESTERN_SURNAME_END);
  return { name: `${r.pick(WESTERN_GIVEN)} ${middle}${surname}` };
}

function coinedWord(r: Random): string {
  return capitalise(r.pick(COINED) + r.pick(COINED));
}

export function organisation(r: Random): GeneratedName {
  const lead = r.chance(0.5) ? coinedWord(r) : r.pick(ORG_WORDS);
  const second = r.chance(0.3) ? ` ${r.pick(ORG_WORDS)}` : '';
  const industry = r.chance(0.3) ? `${r.pick(ORG_INDUSTRIES)} and ${r.pick(ORG_INDUSTRIES)}` : r.pick(ORG_INDUSTRIES);
  return { name: `${lead}${second} ${industry} ${r.pick(LEGAL_FORMS)}` };
}

export function vessel(r: Random): GeneratedName {
  const number = r.chance(0.4) ? ` ${1 + r.int(30)}` : '';
  return { name: `${coinedWord(r)} ${r.pick(VESSEL_NOUNS)}${number}` };
}

/** A person drawn from pools no corpus uses: screening them should mostly find nothing. */
export function unlistedPerson(r: Random): string {
  const surname = r.pick(UNLISTED_SURNAME_START) + r.pick(UNLISTED_SURNAME_END);
  const middle = r.chance(0.3) ? `${r.pick(UNLISTED_GIVEN)} ` : '';
  return `${r.pick(UNLISTED_GIVEN)} ${middle}${capitalise(surname)}`;
}
