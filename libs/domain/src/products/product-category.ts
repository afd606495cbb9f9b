// A stable category scheme from description keywords: the first rule whose keyword occurs wins.
const CATEGORY_RULES: ReadonlyArray<readonly [category: string, keywords: readonly string[]]> = [
  ['christmas', ['CHRISTMAS', 'XMAS', 'ADVENT', 'SNOWFLAKE', 'REINDEER', 'SANTA']],
  ['bags', ['BAG', 'TOTE', 'SHOPPER', 'PURSE']],
  ['lighting & candles', ['T-LIGHT', 'TLIGHT', 'CANDLE', 'LANTERN', 'LIGHT', 'LAMP', 'NIGHTLIGHT']],
  [
    'kitchen & dining',
    [
      'MUG',
      'CUP',
      'PLATE',
      'BOWL',
      'TEA',
      'JUG',
      'CAKE',
      'LUNCH BOX',
      'BOTTLE',
      'JAR',
      'TIN',
      'NAPKIN',
      'SPOON',
      'KITCHEN',
      'BAKING',
      'APRON',
      'COASTER',
      'TRAY',
    ],
  ],
  ['stationery & gift wrap', ['CARD', 'WRAP', 'PAPER', 'NOTEBOOK', 'PENCIL', 'PEN ', 'STICKER', 'ENVELOPE', 'TISSUE', 'RIBBON', 'TAPE', 'CALENDAR', 'DIARY']],
  ['toys & kids', ['TOY', 'GAME', 'DOLL', 'PLAYHOUSE', 'CHILDREN', 'CHILDS', 'KIDS', 'JIGSAW', 'SPACEBOY', 'DOLLY', 'PARTY']],
  ['jewellery & accessories', ['NECKLACE', 'BRACELET', 'EARRING', 'RING', 'JEWEL', 'HAIR', 'BROOCH', 'UMBRELLA']],
  ['garden & outdoor', ['GARDEN', 'PLANT', 'FLOWER', 'BIRD', 'WATERING', 'PICNIC']],
  [
    'home decor',
    [
      'SIGN',
      'FRAME',
      'CLOCK',
      'MIRROR',
      'CUSHION',
      'DOORMAT',
      'HEART',
      'HANGER',
      'HOOK',
      'DECORATION',
      'BUNTING',
      'WICKER',
      'VASE',
      'DOORSTOP',
      'BOX',
      'HOLDER',
    ],
  ],
];

export const OTHER_CATEGORY = 'other';

export function categoryOf(description: string): string {
  const text = ` ${description.toUpperCase()} `;
  for (const [category, keywords] of CATEGORY_RULES) {
    if (keywords.some((keyword) => text.includes(keyword))) return category;
  }
  return OTHER_CATEGORY;
}
