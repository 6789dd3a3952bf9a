export declare const ORDER_ID_LENGTH = 32;
export declare function createOrderId(now: number, random: () => number): string;
